import rule from "../../../rules/bimi/multiple-records.js";
import { emptySnapshot, testRule } from "../../helpers/rule-tester.js";
import { bimiAudit } from "../../helpers/surround-snapshots.js";

testRule(rule, {
  valid: [
    {
      name: "one record",
      snapshot: { ...emptySnapshot(), bimi: bimiAudit("v=BIMI1; l=https://example.com/l.svg") },
    },
  ],
  invalid: [
    {
      name: "two records",
      snapshot: {
        ...emptySnapshot(),
        bimi: bimiAudit(["v=BIMI1; l=https://example.com/a.svg", "v=BIMI1; l=https://example.com/b.svg"]),
      },
      findings: [
        { messageId: "multiple", severity: "error", data: { name: "default._bimi.example.com", count: 2 } },
      ],
    },
  ],
});
