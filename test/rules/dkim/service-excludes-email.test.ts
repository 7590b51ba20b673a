import rule from "../../../rules/dkim/service-excludes-email.js";
import { dkimSnapshot, foundKey, rsaKey } from "../../dkim/snapshots.js";
import { testRule } from "../../helpers/rule-tester.js";

testRule(rule, {
  valid: [
    { name: "no s=", snapshot: dkimSnapshot(foundKey("s1", `p=${rsaKey(2048)}`)) },
    { name: "s=email", snapshot: dkimSnapshot(foundKey("s1", `s=email; p=${rsaKey(2048)}`)) },
    { name: "s=*", snapshot: dkimSnapshot(foundKey("s1", `s=*; p=${rsaKey(2048)}`)) },
  ],
  invalid: [
    {
      name: "s=tlsrpt",
      snapshot: dkimSnapshot(foundKey("s1", `s=tlsrpt; p=${rsaKey(2048)}`)),
      findings: [{ messageId: "excluded", data: { value: "tlsrpt" }, severity: "error" }],
    },
  ],
});
