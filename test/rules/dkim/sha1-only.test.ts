import rule from "../../../rules/dkim/sha1-only.js";
import { dkimSnapshot, foundKey, rsaKey } from "../../dkim/snapshots.js";
import { testRule } from "../../helpers/rule-tester.js";

testRule(rule, {
  valid: [
    { name: "no h=", snapshot: dkimSnapshot(foundKey("s1", `p=${rsaKey(2048)}`)) },
    { name: "h=sha1:sha256", snapshot: dkimSnapshot(foundKey("s1", `h=sha1:sha256; p=${rsaKey(2048)}`)) },
  ],
  invalid: [
    {
      name: "h=sha1",
      snapshot: dkimSnapshot(foundKey("s1", `h=sha1; p=${rsaKey(2048)}`)),
      findings: [{ messageId: "sha1Only", data: { value: "sha1" }, severity: "error" }],
    },
  ],
});
