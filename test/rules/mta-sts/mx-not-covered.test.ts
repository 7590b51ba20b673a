import rule from "../../../rules/mta-sts/mx-not-covered.js";
import { emptySnapshot, testRule } from "../../helpers/rule-tester.js";
import { mtaStsAudit, mxAudit } from "../../helpers/surround-snapshots.js";

const world = (mode: string, patterns: string[], mx: [number, string][]) => ({
  ...emptySnapshot(),
  mx: mxAudit(mx),
  mtaSts: mtaStsAudit(
    "v=STSv1; id=1",
    `version: STSv1\nmode: ${mode}\n${patterns.map((p) => `mx: ${p}\n`).join("")}max_age: 604800\n`,
  ),
});

testRule(rule, {
  valid: [
    { name: "an exact name", snapshot: world("enforce", ["mx1.example.com"], [[10, "MX1.example.com"]]) },
    {
      name: "a wildcard covers one label",
      snapshot: world("enforce", ["*.example.net"], [[10, "a.example.net"]]),
    },
    {
      name: "mode none checks nothing",
      snapshot: world("none", ["x.example.com"], [[10, "mx1.example.com"]]),
    },
  ],
  invalid: [
    {
      name: "enforce: a host no pattern covers",
      snapshot: world(
        "enforce",
        ["mx1.example.com"],
        [
          [10, "mx1.example.com"],
          [20, "backup.example.org"],
        ],
      ),
      findings: [
        {
          messageId: "notCovered",
          severity: "error",
          data: { name: "backup.example.org", value: "mx1.example.com" },
        },
      ],
    },
    {
      name: "a wildcard does not cover two labels, nor the bare domain",
      snapshot: world(
        "enforce",
        ["*.example.net"],
        [
          [10, "a.b.example.net"],
          [20, "example.net"],
        ],
      ),
      findings: [
        { messageId: "notCovered", data: { name: "a.b.example.net" } },
        { messageId: "notCovered", data: { name: "example.net" } },
      ],
    },
    {
      name: "testing: a warning",
      snapshot: world("testing", ["mx1.example.com"], [[10, "mx2.example.com"]]),
      findings: [{ messageId: "notCoveredTesting", severity: "warning" }],
    },
  ],
});
