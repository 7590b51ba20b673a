import { defineRule } from "../../src/engine/define-rule.js";

const STRENGTH: Record<string, number> = { none: 0, quarantine: 1, reject: 2 };

export default defineRule({
  meta: {
    id: "dmarc/subdomain-policy-weaker",
    type: "suggestion",
    severity: "warning",
    docs: {
      description: "sp= or np= asks for a weaker policy than p=, leaving subdomains easier to spoof",
      spec: "RFC 9989 §4.7 (sp, np); RFC 7489 §6.3 (sp)",
    },
    messages: {
      weaker:
        "_dmarc.{domain}: {tag}={actual} is weaker than {expected}, so subdomains of {domain} can be spoofed more easily than {domain} itself.",
    },
    remediation:
      "Set sp= and np= to at least the strength of p= (or remove them: they default to p), unless a subdomain is known to send unaligned mail.",
  },
  check({ snapshot, report }) {
    const dmarc = snapshot.dmarc;
    const tags = dmarc?.tags;
    if (!dmarc?.source || !tags?.p || STRENGTH[tags.p] === undefined) return;
    const p = tags.p;
    const sp = tags.sp !== undefined && STRENGTH[tags.sp] !== undefined ? tags.sp : undefined;
    if (sp !== undefined && (STRENGTH[sp] ?? 0) < (STRENGTH[p] ?? 0)) {
      report({
        messageId: "weaker",
        data: { domain: dmarc.source, tag: "sp", actual: sp, expected: `p=${p}` },
      });
    }
    // np falls back to sp, then p (RFC 9989 §4.7): compare with what it would otherwise inherit.
    const inherited = sp ?? p;
    if (
      tags.np !== undefined &&
      STRENGTH[tags.np] !== undefined &&
      (STRENGTH[tags.np] ?? 0) < (STRENGTH[inherited] ?? 0)
    ) {
      report({
        messageId: "weaker",
        data: {
          domain: dmarc.source,
          tag: "np",
          actual: tags.np,
          expected: `${sp ? "sp" : "p"}=${inherited}`,
        },
      });
    }
  },
});
