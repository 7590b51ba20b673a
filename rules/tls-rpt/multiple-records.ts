import { defineMultipleRecordsRule } from "../../src/rule-kits/record-rules.js";

export default defineMultipleRecordsRule({
  id: "tls-rpt/multiple-records",
  description: "_smtp._tls publishes more than one v=TLSRPTv1 record, so reporters send no reports",
  spec: "RFC 8460 §3",
  remediation:
    "Keep one `v=TLSRPTv1; rua=…` record at _smtp._tls.<domain>, listing every destination in its rua=.",
  label: "TLS-RPT",
  select: (snapshot) => snapshot.tlsRpt,
});
