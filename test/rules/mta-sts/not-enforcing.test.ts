import rule from "../../../rules/mta-sts/not-enforcing.js";
import { emptySnapshot, testRule } from "../../helpers/rule-tester.js";
import { mtaStsAudit } from "../../helpers/surround-snapshots.js";

const mode = (value: string) => ({
  ...emptySnapshot(),
  mtaSts: mtaStsAudit(
    "v=STSv1; id=1",
    `version: STSv1\nmode: ${value}\nmx: a.example.com\nmax_age: 604800\n`,
  ),
});

testRule(rule, {
  valid: [{ name: "enforce", snapshot: mode("enforce") }],
  invalid: [
    { name: "testing", snapshot: mode("testing"), findings: [{ messageId: "testing", severity: "notice" }] },
    { name: "none", snapshot: mode("none"), findings: [{ messageId: "none", severity: "warning" }] },
  ],
});
