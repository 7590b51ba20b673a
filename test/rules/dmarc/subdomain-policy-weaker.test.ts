import rule from "../../../rules/dmarc/subdomain-policy-weaker.js";
import { dmarcSnapshot, GOOD } from "../../dmarc/snapshots.js";
import { testRule } from "../../helpers/rule-tester.js";

testRule(rule, {
  valid: [
    { name: "no sp/np", snapshot: dmarcSnapshot(GOOD) },
    {
      name: "sp and np as strong as p",
      snapshot: dmarcSnapshot("v=DMARC1; p=quarantine; sp=reject; np=reject"),
    },
  ],
  invalid: [
    {
      name: "sp=none under p=reject",
      snapshot: dmarcSnapshot("v=DMARC1; p=reject; sp=none"),
      findings: [
        {
          messageId: "weaker",
          data: { tag: "sp", actual: "none", expected: "p=reject" },
          severity: "warning",
        },
      ],
    },
    {
      name: "np weaker than the sp it would inherit",
      snapshot: dmarcSnapshot("v=DMARC1; p=reject; sp=reject; np=none"),
      findings: [{ messageId: "weaker", data: { tag: "np", actual: "none", expected: "sp=reject" } }],
    },
  ],
});
