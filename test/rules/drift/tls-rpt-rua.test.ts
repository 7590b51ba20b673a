import rule from "../../../rules/drift/tls-rpt-rua.js";
import { emptySnapshot, testRule } from "../../helpers/rule-tester.js";
import { tlsRptAudit } from "../../helpers/surround-snapshots.js";
import { declaration } from "./snapshots.js";

const declared = declaration({ expect: { tlsRpt: { rua: ["mailto:TLS@example.com"] } } });
const tls = (record: string | null) => ({ ...emptySnapshot(), tlsRpt: tlsRptAudit(record) });

testRule(rule, {
  valid: [
    {
      name: "listed (case aside), among others",
      snapshot: tls("v=TLSRPTv1; rua=mailto:other@example.com,mailto:tls@example.com"),
      declared,
    },
    { name: "nothing declared", snapshot: tls(null), declared: declaration() },
  ],
  invalid: [
    {
      name: "not listed",
      snapshot: tls("v=TLSRPTv1; rua=mailto:other@example.com"),
      declared,
      findings: [
        {
          messageId: "missing",
          severity: "error",
          data: { uri: "mailto:TLS@example.com", actual: "mailto:other@example.com" },
        },
      ],
    },
    {
      name: "no record",
      snapshot: tls(null),
      declared,
      findings: [{ messageId: "noRecord", data: { name: "_smtp._tls.example.com" } }],
    },
  ],
});
