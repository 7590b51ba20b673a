import rule from "../../../rules/dkim/revoked.js";
import { dkimSnapshot, foundKey, rsaKey } from "../../dkim/snapshots.js";
import { testRule } from "../../helpers/rule-tester.js";

testRule(rule, {
  valid: [{ name: "a key", snapshot: dkimSnapshot(foundKey("s1", `p=${rsaKey(2048)}`)) }],
  invalid: [
    {
      name: "empty p=",
      snapshot: dkimSnapshot(foundKey("old", "v=DKIM1; p=")),
      findings: [{ messageId: "revoked", data: { selector: "old" }, severity: "error" }],
    },
  ],
});
