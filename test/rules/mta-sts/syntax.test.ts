import rule from "../../../rules/mta-sts/syntax.js";
import { emptySnapshot, testRule } from "../../helpers/rule-tester.js";
import { mtaStsAudit } from "../../helpers/surround-snapshots.js";

const sts = (record: string | string[] | null) => ({ ...emptySnapshot(), mtaSts: mtaStsAudit(record) });

testRule(rule, {
  valid: [
    { name: "a valid record", snapshot: sts("v=STSv1; id=20240601T000000") },
    { name: "an extension and a trailing ;", snapshot: sts("v=STSv1; id=1; ext.x=y;") },
    { name: "no record", snapshot: sts(null) },
    {
      name: "two records (mta-sts/multiple-records says it)",
      snapshot: sts(["v=STSv1; id=1", "v=STSv1; id=x y"]),
    },
  ],
  invalid: [
    {
      name: "an id with hyphens",
      snapshot: sts("v=STSv1; id=2024-06-01"),
      findings: [{ messageId: "invalidValue", severity: "error", data: { tag: "id", value: "2024-06-01" } }],
    },
    {
      name: "no id",
      snapshot: sts("v=STSv1;"),
      findings: [{ messageId: "missingField", data: { tag: "id" } }],
    },
    {
      name: "the version in another case",
      snapshot: sts("v=stsv1; id=1"),
      findings: [{ messageId: "badVersion", data: { value: "v=stsv1" } }],
    },
    {
      name: "an empty field and a field without =",
      snapshot: sts("v=STSv1;; id=1; junk"),
      findings: [{ messageId: "malformedField" }, { messageId: "malformedField", data: { value: "junk" } }],
    },
    {
      name: "id given twice",
      snapshot: sts("v=STSv1; id=1; id=2"),
      findings: [{ messageId: "duplicateField", data: { tag: "id" } }],
    },
    {
      name: "an id of 33 characters",
      snapshot: sts(`v=STSv1; id=${"a".repeat(33)}`),
      findings: [{ messageId: "invalidValue", data: { tag: "id" } }],
    },
  ],
});
