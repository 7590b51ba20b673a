import rule from "../../../rules/dmarc/policy-none.js";
import { dmarcSnapshot, GOOD } from "../../dmarc/snapshots.js";
import { testRule } from "../../helpers/rule-tester.js";

testRule(rule, {
  valid: [
    { name: "p=reject", snapshot: dmarcSnapshot(GOOD) },
    { name: "no record (dmarc/missing says so)", snapshot: dmarcSnapshot(null) },
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
