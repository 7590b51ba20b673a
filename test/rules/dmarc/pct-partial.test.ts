import rule from "../../../rules/dmarc/pct-partial.js";
import { testRule } from "../../helpers/rule-tester.js";
import { GOOD, dmarcSnapshot } from "../../dmarc/snapshots.js";

testRule(rule, {
  valid: [
    { name: "no pct", snapshot: dmarcSnapshot(GOOD) },
    { name: "pct=100", snapshot: dmarcSnapshot("v=DMARC1; p=reject; pct=100") },
    { name: "invalid pct is dmarc/syntax's", snapshot: dmarcSnapshot("v=DMARC1; p=reject; pct=abc") },
  ],
  invalid: [
    { name: "pct=20", snapshot: dmarcSnapshot("v=DMARC1; p=reject; pct=20"), findings: [{ messageId: "partial", data: { value: 20, policy: "reject" }, severity: "warning" }] },
  ],
});
