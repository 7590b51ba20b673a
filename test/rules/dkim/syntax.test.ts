import rule from "../../../rules/dkim/syntax.js";
import { dkimSnapshot, foundKey, rsaKey } from "../../dkim/snapshots.js";
import { testRule } from "../../helpers/rule-tester.js";

const multiple = foundKey("s2", `v=DKIM1; p=${rsaKey(2048)}`);
multiple.problems = [{ code: "multiple-records", reason: "2 TXT records at the selector" }];

testRule(rule, {
  valid: [
    { name: "a clean key", snapshot: dkimSnapshot(foundKey("s1", `v=DKIM1; k=rsa; p=${rsaKey(2048)}`)) },
  ],
  invalid: [
    {
      name: "bad version, bad key",
      snapshot: dkimSnapshot(foundKey("s1", "v=DKIM2; p=@@@")),
      findings: [
        { messageId: "invalid", data: { selector: "s1" }, severity: "error" },
        { messageId: "invalid", severity: "error" },
      ],
    },
    {
      name: "several records",
      snapshot: dkimSnapshot(multiple),
      findings: [{ messageId: "multipleRecords", severity: "warning" }],
    },
  ],
});
