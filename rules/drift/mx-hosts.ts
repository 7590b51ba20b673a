import type { DomainDeclaration } from "../../src/config/types.js";
import { defineRule } from "../../src/engine/define-rule.js";
import { normalizeExchange } from "../../src/mx/exchange.js";

export default defineRule<DomainDeclaration>({
  meta: {
    id: "drift/mx-hosts",
    type: "drift",
    severity: "error",
    docs: {
      description: "Every MX host declared in `expect.mx.hosts` is among the domain's MX records",
      spec: "RFC 5321 §5.1; RFC 1035 §3.3.9",
    },
    messages: {
      missing: "MX host {name} declared for {domain} is not among its MX records ({actual}).",
    },
    remediation:
      "Restore the MX record of the declared host; if the change is intended, update `expect.mx.hosts` in mailaudit.yaml in the same change.",
  },
  check({ snapshot, declared, report }) {
    const expected = declared?.expect?.mx?.hosts;
    const mx = snapshot.mx;
    // A failed MX question is inconclusive (dns/lookup-failed), never drift.
    if (!expected || !mx || mx.status === "inconclusive") return;
    const published = new Set(mx.records.map((r) => r.exchange));
    const actual = mx.records.map((r) => `${r.priority} ${r.exchange}`).join(", ") || "none";
    for (const host of expected)
      if (!published.has(normalizeExchange(host)))
        report({ messageId: "missing", data: { domain: snapshot.domain, name: host, actual } });
  },
});
