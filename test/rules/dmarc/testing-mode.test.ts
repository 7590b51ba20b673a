import rule from "../../../rules/dmarc/testing-mode.js";
import { dmarcSnapshot, GOOD } from "../../dmarc/snapshots.js";
import { testRule } from "../../helpers/rule-tester.js";

testRule(rule, {
  valid: [
    { name: "no t", snapshot: dmarcSnapshot(GOOD) },
    { name: "t=n", snapshot: dmarcSnapshot("v=DMARC1; p=reject; t=n") },
  ],
  invalid: [
    {
      name: "t=y",
      snapshot: dmarcSnapshot("v=DMARC1; p=reject; t=y"),
      findings: [{ messageId: "testing", data: { policy: "reject" }, severity: "warning" }],
    },
  ],
});
