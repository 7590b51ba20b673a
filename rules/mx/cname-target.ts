import { defineRule } from "../../src/engine/define-rule.js";

export default defineRule({
  meta: {
    id: "mx/cname-target",
    type: "problem",
    severity: "warning",
    docs: {
      description: "An MX record names an alias (a CNAME) instead of the host itself",
      spec: "RFC 2181 §10.3; RFC 5321 §5.1",
    },
    messages: {
      alias:
        "MX host {name} of {domain} is an alias (CNAME to {value}); MX targets must name the host itself, and some senders refuse aliases.",
    },
    remediation:
      "Point the MX record at the canonical host name (the end of the CNAME chain) instead of the alias.",
  },
  check({ snapshot, report }) {
    for (const host of snapshot.mx?.hosts ?? []) {
      if (host.cnames.length === 0) continue;
      report({
        messageId: "alias",
        data: { domain: snapshot.domain, name: host.name, value: host.cnames.join(" → ") },
      });
    }
  },
});
