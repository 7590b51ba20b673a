import rule from "../../../rules/mta-sts/multiple-records.js";
import { emptySnapshot, testRule } from "../../helpers/rule-tester.js";
import { mtaStsAudit } from "../../helpers/surround-snapshots.js";

testRule(rule, {
  valid: [{ name: "one record", snapshot: { ...emptySnapshot(), mtaSts: mtaStsAudit("v=STSv1; id=1") } }],
  invalid: [
    {
      name: "two records",
      snapshot: { ...emptySnapshot(), mtaSts: mtaStsAudit(["v=STSv1; id=1", "v=STSv1; id=2"]) },
      findings: [
        { messageId: "multiple", severity: "error", data: { name: "_mta-sts.example.com", count: 2 } },
      ],
    },
  ],
});
