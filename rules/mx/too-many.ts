import { defineRule } from "../../src/engine/define-rule.js";
import { MX_HOST_LIMIT } from "../spf/mx-address-limit.js";

export default defineRule({
  meta: {
    id: "mx/too-many",
    type: "problem",
    severity: "warning",
    docs: {
      description: "The domain lists more than 10 MX hosts, past what an SPF mx mechanism may look up",
      spec: "RFC 7208 §4.6.4",
    },
    messages: {
      tooMany:
        "{domain} lists {count} MX hosts: an SPF mx mechanism naming it would need more than {limit} address lookups (permerror).",
    },
    remediation:
      "Keep at most 10 MX hosts, or make sure no SPF record uses `mx` for this domain (list the sending addresses with ip4:/ip6: instead).",
  },
  check({ snapshot, report }) {
    const mx = snapshot.mx;
    if (!mx) return;
    const count = mx.records.filter((r) => r.exchange !== ".").length;
    if (count <= MX_HOST_LIMIT) return;
    // When the domain's own SPF record already uses `mx`, spf/mx-address-limit says it, as an error.
    const ownMx = snapshot.spf?.tree?.lookupTerms.some((t) => (t.mxHosts ?? 0) > MX_HOST_LIMIT) ?? false;
    if (ownMx) return;
    report({ messageId: "tooMany", data: { domain: snapshot.domain, count, limit: MX_HOST_LIMIT } });
  },
});
