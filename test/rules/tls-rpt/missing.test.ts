import rule from "../../../rules/tls-rpt/missing.js";
import { emptySnapshot, testRule } from "../../helpers/rule-tester.js";
import { mtaStsAudit, tlsRptAudit } from "../../helpers/surround-snapshots.js";

testRule(rule, {
  valid: [
    {
      name: "MTA-STS with TLS-RPT",
      snapshot: {
        ...emptySnapshot(),
        mtaSts: mtaStsAudit("v=STSv1; id=1"),
        tlsRpt: tlsRptAudit("v=TLSRPTv1; rua=mailto:a@example.com"),
      },
    },
    {
      name: "neither",
      snapshot: { ...emptySnapshot(), mtaSts: mtaStsAudit(null), tlsRpt: tlsRptAudit(null) },
    },
    {
      name: "the TLS-RPT question failed: inconclusive",
      snapshot: {
        ...emptySnapshot(),
        mtaSts: mtaStsAudit("v=STSv1; id=1"),
        tlsRpt: { ...tlsRptAudit(null), status: "inconclusive" },
      },
    },
  ],
  invalid: [
    {
      name: "MTA-STS without TLS-RPT",
      snapshot: { ...emptySnapshot(), mtaSts: mtaStsAudit("v=STSv1; id=1"), tlsRpt: tlsRptAudit(null) },
      findings: [{ messageId: "missing", severity: "warning", data: { name: "_smtp._tls.example.com" } }],
    },
  ],
});
