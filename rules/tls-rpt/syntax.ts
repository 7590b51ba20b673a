import { defineRecordSyntaxRule } from "../../src/rule-kits/record-rules.js";

export default defineRecordSyntaxRule({
  id: "tls-rpt/syntax",
  description:
    "The _smtp._tls TXT record breaks the RFC 8460 grammar, or a rua= destination is not a mailto: or https: URI",
  spec: "RFC 8460 §3",
  remediation:
    "Publish `v=TLSRPTv1; rua=mailto:tls-reports@example.com` (or an https: URL) at _smtp._tls.<domain>; separate several destinations with commas, percent-encode ',' and '!' inside them.",
  label: "TLS-RPT",
  version: "v=TLSRPTv1",
  select: (snapshot) => snapshot.tlsRpt,
});
