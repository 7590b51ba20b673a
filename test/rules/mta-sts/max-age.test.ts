import rule from "../../../rules/mta-sts/max-age.js";
import { emptySnapshot, testRule } from "../../helpers/rule-tester.js";
import { mtaStsAudit } from "../../helpers/surround-snapshots.js";

const maxAge = (value: string) => ({
  ...emptySnapshot(),
  mtaSts: mtaStsAudit(
    "v=STSv1; id=1",
    `version: STSv1\nmode: enforce\nmx: a.example.com\nmax_age: ${value}\n`,
  ),
});

testRule(rule, {
  valid: [
    { name: "a week", snapshot: maxAge("604800") },
    { name: "exactly the maximum", snapshot: maxAge("31557600") },
    { name: "exactly a day", snapshot: maxAge("86400") },
    { name: "not a number (mta-sts/policy-syntax says it)", snapshot: maxAge("1w") },
  ],
  invalid: [
    {
      name: "above a year",
      snapshot: maxAge("31557601"),
      findings: [{ messageId: "tooLong", severity: "error", data: { value: 31557601, limit: 31557600 } }],
    },
    {
      name: "five minutes",
      snapshot: maxAge("300"),
      findings: [{ messageId: "short", severity: "warning", data: { value: 300 } }],
    },
  ],
});
