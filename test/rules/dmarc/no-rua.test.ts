import rule from "../../../rules/dmarc/no-rua.js";
import { dmarcSnapshot, GOOD } from "../../dmarc/snapshots.js";
import { testRule } from "../../helpers/rule-tester.js";

testRule(rule, {
  valid: [
    { name: "rua present", snapshot: dmarcSnapshot(GOOD) },
    { name: "no record at all", snapshot: dmarcSnapshot(null) },
  ],
  invalid: [
    {
      name: "no rua",
      snapshot: dmarcSnapshot("v=DMARC1; p=reject"),
      findings: [{ messageId: "noRua", data: { domain: "example.com" }, severity: "warning" }],
    },
    {
      name: "only an unusable rua",
      snapshot: dmarcSnapshot("v=DMARC1; p=reject; rua=dmarc@example.com"),
      findings: [{ messageId: "noRua" }],
    },
  ],
});
