import { defineRule } from "../../src/engine/define-rule.js";
import type { SpfAudit } from "../../src/spf/types.js";

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
        "SPF for {domain} needs {count} DNS-querying terms (limit {limit}); receivers return permerror. Costliest: {actual}.",
      tooManyAtLeast:
        "SPF for {domain} needs at least {count} DNS-querying terms (limit {limit}; parts of the tree could not be counted); receivers return permerror. Costliest: {actual}.",
    },
    remediation:
      "Remove includes of services you no longer use, replace a, mx and small includes with ip4:/ip6: ranges, or move senders to subdomains with their own SPF records.",
  },
  check({ snapshot, report }) {
    const spf = snapshot.spf;
    if (!spf || spf.lookupCount <= LOOKUP_LIMIT) return;
    const messageId = spf.lookupCountIsLowerBound ? "tooManyAtLeast" : "tooMany";
    report({
      messageId,
      data: {
        domain: snapshot.domain,
        count: spf.lookupCount,
        limit: LOOKUP_LIMIT,
        actual: costliestBranches(spf),
      },
    });
  },
});

/** The root's branches that cost the most lookups (the term itself included): where to cut first. */
function costliestBranches(spf: SpfAudit): string {
  const branches = (spf.tree?.children ?? [])
    .filter((child) => child.term !== undefined)
    .map((child) => ({ term: child.term as string, cost: 1 + child.subtreeLookups }))
    .sort((a, b) => b.cost - a.cost)
    .slice(0, 3);
  return branches.map((b) => `${b.term} (${b.cost})`).join(", ") || "the record's own terms";
}
