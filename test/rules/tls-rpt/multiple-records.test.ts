import rule from "../../../rules/tls-rpt/multiple-records.js";
import { emptySnapshot, testRule } from "../../helpers/rule-tester.js";
import { tlsRptAudit } from "../../helpers/surround-snapshots.js";

testRule(rule, {
  valid: [
    {
      name: "one record",
      snapshot: { ...emptySnapshot(), tlsRpt: tlsRptAudit("v=TLSRPTv1; rua=mailto:a@example.com") },
    },
  ],
  invalid: [
    {
      name: "two records",
      snapshot: {
        ...emptySnapshot(),
        tlsRpt: tlsRptAudit(["v=TLSRPTv1; rua=mailto:a@example.com", "v=TLSRPTv1; rua=mailto:b@example.com"]),
      },
      findings: [
        { messageId: "multiple", severity: "error", data: { name: "_smtp._tls.example.com", count: 2 } },
      ],
    },
  ],
});
