import { defineRule } from "../../src/engine/define-rule.js";
import { spfNodes } from "../../src/spf/tree.js";

/** RFC 7208 §4.6.4: "SPF implementations SHOULD limit "void lookups" to two." */
export const VOID_LOOKUP_LIMIT = 2;

export default defineRule({
  meta: {
    id: "spf/void-lookup-limit",
    type: "problem",
    severity: "error",
    docs: {
      description: "SPF evaluation should meet at most 2 void lookups (NXDOMAIN or empty answers)",
      spec: "RFC 7208 §4.6.4",
    },
    messages: {
      tooMany:
        "SPF for {domain} meets {count} void DNS lookups (limit {limit}): {actual}; receivers that enforce the limit return permerror.",
    },
    remediation:
      "Remove the terms that point at names without records (a:, mx:, exists:, include: of deleted hosts or services).",
  },
  check({ snapshot, report }) {
    const spf = snapshot.spf;
    if (!spf || spf.voidLookupCount <= VOID_LOOKUP_LIMIT) return;
    // Name the void terms, so the fix is obvious: they are what to remove or repair.
    const voidTerms = [...spfNodes(spf)].flatMap((node) =>
      node.lookupTerms
        .filter((t) => t.void)
        .map((t) => (node.via === "root" ? t.term : `${t.term} (in ${node.domain})`)),
    );
    report({
      messageId: "tooMany",
      data: {
        domain: snapshot.domain,
        count: spf.voidLookupCount,
        limit: VOID_LOOKUP_LIMIT,
        actual: voidTerms.join(", ") || "see the tree",
      },
    });
  },
});
