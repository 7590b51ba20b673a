import rule from "../../../rules/dkim/weak-key.js";
import { dkimSnapshot, foundKey, rsaKey } from "../../dkim/snapshots.js";
import { testRule } from "../../helpers/rule-tester.js";

testRule(rule, {
  valid: [
    { name: "2048-bit RSA", snapshot: dkimSnapshot(foundKey("s1", `p=${rsaKey(2048)}`)) },
    { name: "revoked key has no size", snapshot: dkimSnapshot(foundKey("s1", "p=")) },
  ],
  invalid: [
    {
      name: "512-bit RSA",
      snapshot: dkimSnapshot(foundKey("old", `p=${rsaKey(512)}`)),
      findings: [{ messageId: "tooShort", data: { bits: 512, limit: 1024 }, severity: "error" }],
    },
    {
      name: "1024-bit RSA",
      snapshot: dkimSnapshot(foundKey("mid", `p=${rsaKey(1024)}`)),
      findings: [{ messageId: "belowRecommended", data: { bits: 1024, limit: 2048 }, severity: "warning" }],
    },
  ],
});
