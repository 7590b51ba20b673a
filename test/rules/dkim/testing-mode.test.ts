import rule from "../../../rules/dkim/testing-mode.js";
import { dkimSnapshot, foundKey, rsaKey } from "../../dkim/snapshots.js";
import { testRule } from "../../helpers/rule-tester.js";

testRule(rule, {
  valid: [{ name: "t=s only", snapshot: dkimSnapshot(foundKey("s1", `t=s; p=${rsaKey(2048)}`)) }],
  invalid: [
    {
      name: "t=y",
      snapshot: dkimSnapshot(foundKey("s1", `t=y:s; p=${rsaKey(2048)}`)),
      findings: [{ messageId: "testing", data: { selector: "s1" }, severity: "warning" }],
    },
  ],
});
