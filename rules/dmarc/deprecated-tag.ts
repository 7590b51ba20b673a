import { defineRule } from "../../src/engine/define-rule.js";

const HISTORIC = ["pct", "rf", "ri"] as const;

export default defineRule({
  meta: {
    id: "dmarc/deprecated-tag",
    type: "suggestion",
    severity: "notice",
    docs: {
      description: "The DMARC record uses tags or syntax RFC 9989 made historic",
      spec: "RFC 9989 §9.3 (historic pct, rf, ri); §4.8 (obsolete !size)",
    },
    messages: {
      historicTag:
        "_dmarc.{domain}: tag {tag}={value} is historic since RFC 9989; current receivers ignore it.",
      sizeLimit: "_dmarc.{domain}: the !size suffix of {uri} is obsolete; current receivers ignore it.",
    },
    remediation: "Remove pct=, rf= and ri= and any !size suffix from report URIs; use t=y instead of pct=0.",
  },
  check({ snapshot, report }) {
    const dmarc = snapshot.dmarc;
    const tags = dmarc?.tags;
    if (!dmarc?.source || !tags) return;
    for (const tag of HISTORIC) {
      const value = tags[tag];
      if (value !== undefined)
        report({ messageId: "historicTag", data: { domain: dmarc.source, tag, value } });
    }
    for (const uri of [...(tags.rua ?? []), ...(tags.ruf ?? [])]) {
      if (uri.size !== null) report({ messageId: "sizeLimit", data: { domain: dmarc.source, uri: uri.raw } });
    }
  },
});
