import { defineDriftRule } from "../../src/config/define-drift-rule.js";

export default defineDriftRule({
  meta: {
    id: "drift/spf-lookups",
    type: "drift",
    configKey: "expect.spf.maxLookups",
    severity: "error",
    docs: {
      description:
        "The SPF tree needs no more DNS lookups than the budget declared in `expect.spf.maxLookups`",
      spec: "RFC 7208 §4.6.4 (at most 10 DNS-querying terms)",
    },
    messages: {
      overBudget: "SPF for {domain} needs {count} DNS lookups, over the declared budget of {limit}.",
      uncountable: {
        text: "SPF for {domain} needs at least {count} DNS lookups; macros or unexpanded includes keep the total from being known (budget {limit}).",
        severity: "warning",
      },
    },
    remediation:
      "Remove includes you no longer use, replace `a`/`mx` with `ip4:`/`ip6:` ranges, or ask a provider for a narrower include; keep headroom below 10 because third-party includes grow without notice.",
  },
  check({ snapshot, declared, report }) {
    const limit = declared?.expect?.spf?.maxLookups;
    const spf = snapshot.spf;
    if (limit === undefined || !spf || !spf.record || spf.inconclusive) return;
    const data = { domain: snapshot.domain, count: spf.lookupCount, limit };
    if (spf.lookupCount > limit) report({ messageId: "overBudget", data });
    else if (spf.lookupCountIsLowerBound) report({ messageId: "uncountable", data });
  },
});
