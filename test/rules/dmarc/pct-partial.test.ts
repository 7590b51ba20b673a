import rule from "../../../rules/dmarc/pct-partial.js";
import { dmarcSnapshot, GOOD } from "../../dmarc/snapshots.js";
import { testRule } from "../../helpers/rule-tester.js";

testRule(rule, {
  valid: [
    { name: "no pct", snapshot: dmarcSnapshot(GOOD) },
    { name: "pct=100", snapshot: dmarcSnapshot("v=DMARC1; p=reject; pct=100") },
    { name: "invalid pct is dmarc/syntax's", snapshot: dmarcSnapshot("v=DMARC1; p=reject; pct=abc") },
  ],
  invalid: [
    {
      name: "pct=20",
      snapshot: dmarcSnapshot("v=DMARC1; p=reject; pct=20"),
      findings: [{ messageId: "partial", data: { value: 20, policy: "reject" }, severity: "warning" }],
    },
  ],
});
