import { defineRule } from "../../src/engine/define-rule.js";

export default defineRule({
  meta: {
    id: "tls-rpt/missing",
    type: "problem",
    severity: "warning",
    docs: {
      description:
        "A domain that publishes MTA-STS has no TLS-RPT record, so nobody hears when senders fail TLS to it",
      spec: "RFC 8460 §3; RFC 8461 (reporting failures to the policy domain)",
    },
    messages: {
      missing:
        "{domain} publishes MTA-STS but no TLS-RPT record at {name}: senders that fail to reach it over TLS tell nobody.",
    },
    remediation:
      "Publish `v=TLSRPTv1; rua=mailto:tls-reports@<domain>` at _smtp._tls.<domain> (any mailbox or https: endpoint that reads the JSON reports).",
  },
  check({ snapshot, report }) {
    if (snapshot.mtaSts?.status !== "found" || snapshot.tlsRpt?.status !== "none") return;
    report({ messageId: "missing", data: { domain: snapshot.domain, name: snapshot.tlsRpt.name } });
  },
});
