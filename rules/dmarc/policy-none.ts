import { defineRule } from "../../src/engine/define-rule.js";

export default defineRule({
  meta: {
    id: "dmarc/policy-none",
    type: "suggestion",
    severity: "warning",
    docs: {
      description: "The DMARC policy that applies to the domain is none (monitoring only)",
      spec: "RFC 9989 §4.7 (p, sp, np); RFC 7489 §6.3",
    },
    messages: {
      none: "The DMARC policy applied to mail from {domain} is none (from _dmarc.{record}): spoofed mail is still delivered.",
    },
    remediation: "Once aggregate reports show your senders aligned, move to p=quarantine and then p=reject.",
  },
  check({ snapshot, report }) {
    const dmarc = snapshot.dmarc;
    // The §4.10.1 fallback for a record without a valid policy is dmarc/syntax's to report, once.
    if (dmarc?.effectivePolicy !== "none" || dmarc.policyFallback) return;
    report({
      messageId: "none",
      data: { domain: snapshot.domain, record: dmarc.source ?? snapshot.domain, policy: "none" },
    });
  },
});
