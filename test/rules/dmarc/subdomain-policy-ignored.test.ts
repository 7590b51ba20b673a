import rule from "../../../rules/dmarc/subdomain-policy-ignored.js";
import { dmarcSnapshot, GOOD } from "../../dmarc/snapshots.js";
import { testRule } from "../../helpers/rule-tester.js";

const atSubdomain = { organizationalDomain: { treeWalk: "example.com", psl: "example.com" } };

testRule(rule, {
  valid: [
    {
      name: "sp= at the organizational domain",
      snapshot: dmarcSnapshot("v=DMARC1; p=reject; sp=quarantine"),
    },
    {
      name: "a subdomain's own record without sp=",
      snapshot: dmarcSnapshot("v=DMARC1; p=reject", atSubdomain, "news.example.com"),
    },
    { name: "no sp at all", snapshot: dmarcSnapshot(GOOD) },
  ],
  invalid: [
    {
      name: "sp= in a subdomain's own record",
      snapshot: dmarcSnapshot("v=DMARC1; p=reject; sp=reject", atSubdomain, "news.example.com"),
      findings: [
        {
          messageId: "ignored",
          data: { domain: "news.example.com", value: "reject", expected: "example.com" },
          severity: "notice",
        },
      ],
    },
  ],
});
