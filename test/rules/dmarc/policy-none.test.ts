import rule from "../../../rules/dmarc/policy-none.js";
import { dmarcSnapshot, GOOD } from "../../dmarc/snapshots.js";
import { testRule } from "../../helpers/rule-tester.js";

testRule(rule, {
  valid: [
    { name: "p=reject", snapshot: dmarcSnapshot(GOOD) },
    { name: "no record (dmarc/missing says so)", snapshot: dmarcSnapshot(null) },
    {
      // Issue 12, item 7: the §4.10.1 fallback of an invalid record is dmarc/syntax's finding, once.
      name: "the p=none fallback of a record with a repeated tag",
      snapshot: dmarcSnapshot("v=DMARC1; p=reject; p=none; rua=mailto:a@example.com", {
        policy: "none",
        effectivePolicy: "none",
        policyFallback: true,
        tags: null,
      }),
    },
  ],
  invalid: [
    {
      name: "p=none",
      snapshot: dmarcSnapshot("v=DMARC1; p=none"),
      findings: [{ messageId: "none", data: { domain: "example.com" }, severity: "warning" }],
    },
    {
      name: "a subdomain inheriting sp=none",
      snapshot: dmarcSnapshot(
        "v=DMARC1; p=reject; sp=none",
        { source: "example.com", effectivePolicy: "none" },
        "a.example.com",
      ),
      findings: [{ messageId: "none", data: { domain: "a.example.com", record: "example.com" } }],
    },
  ],
});
