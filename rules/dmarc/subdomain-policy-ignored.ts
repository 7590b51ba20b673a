import { defineRule } from "../../src/engine/define-rule.js";

export default defineRule({
  meta: {
    id: "dmarc/subdomain-policy-ignored",
    type: "suggestion",
    severity: "notice",
    docs: {
      description: "sp= in a record below the organizational domain has no effect",
      spec: "RFC 9989 §4.7 (sp), §4.10.1",
    },
    messages: {
      ignored:
        "sp={value} in _dmarc.{domain} has no effect: only the organizational domain's record sets the policy for subdomains, so mail from subdomains of {domain} follows _dmarc.{expected} (sp, np, else p).",
    },
    remediation:
      "Set sp= (and np=) in the organizational domain's record, or publish a record at each subdomain that needs its own policy; drop sp= here.",
  },
  check({ snapshot, report }) {
    const dmarc = snapshot.dmarc;
    const organizational = dmarc?.organizationalDomain.treeWalk;
    const sp = dmarc?.tags?.sp;
    if (!dmarc?.source || !organizational || sp === undefined) return;
    // The organizational domain's own record is where sp= belongs (and works).
    if (dmarc.source === organizational) return;
    report({ messageId: "ignored", data: { domain: dmarc.source, value: sp, expected: organizational } });
  },
});
