import { defineRule } from "../../src/engine/define-rule.js";

export default defineRule({
  meta: {
    id: "mx/ip-literal",
    type: "problem",
    severity: "error",
    docs: {
      description:
        "An MX record names an IP address where a host name belongs, so senders find no host there",
      spec: "RFC 5321 §5.1; RFC 1035 §3.3.9 (EXCHANGE is a domain name)",
    },
    messages: {
      ipLiteral:
        "MX record {value} {name} of {domain} names an IP address as if it were a host name: senders look it up as a name and find no address.",
    },
    remediation:
      "Give the mail server a host name with A/AAAA records (e.g. `mx1.example.com. A 192.0.2.1`) and name that in the MX record.",
  },
  check({ snapshot, report }) {
    for (const host of snapshot.mx?.hosts ?? []) {
      if (host.status !== "ip-literal") continue;
      report({
        messageId: "ipLiteral",
        data: { domain: snapshot.domain, name: host.name, value: host.priority },
      });
    }
  },
});
