import { defineRule } from "../../src/engine/define-rule.js";

/** RFC 7208 §4.6.4: "SPF implementations MUST limit the total number of those terms to 10". */
export const LOOKUP_LIMIT = 10;

export default defineRule({
  meta: {
    id: "spf/lookup-limit",
    type: "problem",
    severity: "error",
    docs: { description: "SPF evaluation must need at most 10 DNS-querying terms", spec: "RFC 7208 §4.6.4" },
    messages: {
      tooMany:
        "SPF for {domain} needs {count} DNS-querying terms (limit {limit}); receivers return permerror.",
      tooManyAtLeast:
        "SPF for {domain} needs at least {count} DNS-querying terms (limit {limit}; parts of the tree could not be counted); receivers return permerror.",
    },
    remediation:
      "Remove includes of services you no longer use, replace a, mx and small includes with ip4:/ip6: ranges, or move senders to subdomains with their own SPF records.",
  },
  check({ snapshot, report }) {
    const spf = snapshot.spf;
    if (!spf || spf.lookupCount <= LOOKUP_LIMIT) return;
    const messageId = spf.lookupCountIsLowerBound ? "tooManyAtLeast" : "tooMany";
    report({ messageId, data: { domain: snapshot.domain, count: spf.lookupCount, limit: LOOKUP_LIMIT } });
  },
});
