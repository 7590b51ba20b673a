import { defineDriftRule } from "../../src/config/define-drift-rule.js";

export default defineDriftRule({
  meta: {
    id: "drift/dkim-selector",
    type: "drift",
    configKey: "dkim.selectors",
    severity: "error",
    docs: {
      description: "Every DKIM selector declared for the domain in mailaudit.yaml has a key record",
      spec: "RFC 6376 §3.6.2.1 (key at <selector>._domainkey.<domain>)",
    },
    messages: {
      missing: "DKIM selector {selector} of {domain} has no key record at {name} (declared in the config).",
    },
    remediation:
      "Publish the selector's key (or the provider's CNAME) at `<selector>._domainkey.<domain>`; if the selector was retired, remove it from `dkim.selectors` once no mail signed with it is in flight.",
  },
  check({ snapshot, declared, report }) {
    const selectors = declared?.selectors ?? [];
    if (selectors.length === 0) return;
    const bySelector = new Map((snapshot.dkim ?? []).map((key) => [key.selector, key]));
    for (const selector of selectors) {
      const key = bySelector.get(selector);
      // Only a definite NXDOMAIN/NODATA is drift; an inconclusive lookup is dns/lookup-failed's.
      if (key?.status === "missing")
        report({ messageId: "missing", data: { domain: snapshot.domain, selector, name: key.name } });
    }
  },
});
