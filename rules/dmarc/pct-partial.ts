import { defineRule } from "../../src/engine/define-rule.js";

export default defineRule({
  meta: {
    id: "dmarc/pct-partial",
    type: "suggestion",
    severity: "warning",
    docs: {
      description: "pct= below 100 applies the policy to only part of the failing mail",
      spec: "RFC 7489 §6.3 (pct); RFC 9989 Appendix A.6 (pct removed)",
    },
    messages: {
      partial:
        "_dmarc.{domain} has pct={value}: RFC 7489 receivers apply p={policy} to only {value}% of failing mail; RFC 9989 receivers ignore pct.",
    },
    remediation:
      "Remove pct= (RFC 9989 dropped it); to ramp up, use t=y for testing and then the policy itself.",
  },
  check({ snapshot, report }) {
    const dmarc = snapshot.dmarc;
    const pct = dmarc?.tags?.pct;
    if (!dmarc?.source || pct === undefined || !/^\d{1,3}$/.test(pct) || Number(pct) >= 100) return;
    report({
      messageId: "partial",
      data: { domain: dmarc.source, value: Number(pct), policy: dmarc.policy ?? "none" },
    });
  },
});
