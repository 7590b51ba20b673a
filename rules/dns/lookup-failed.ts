import { defineRule } from "../../src/engine/define-rule.js";

export default defineRule({
  meta: {
    id: "dns/lookup-failed",
    type: "problem",
    severity: "warning",
    docs: {
      description:
        "A DNS question got no verdict (timeout, SERVFAIL, REFUSED), so part of the audit is inconclusive",
      spec: "RFC 7208 §2.6.6 (temperror); RFC 9989 §4.10.1",
    },
    messages: {
      failed: "DNS lookup of {type} {name} failed ({reason}); results that depend on it are inconclusive.",
    },
    remediation:
      "Retry; if it persists, check the authoritative servers of the name (dig +trace) and the resolver given with --resolver.",
  },
  check({ snapshot, report }) {
    for (const failure of snapshot.lookupFailures) {
      report({
        messageId: "failed",
        data: { name: failure.name, type: failure.type, reason: failure.reason },
      });
    }
  },
});
