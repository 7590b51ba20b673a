import { bimiDmarcShortfalls } from "../../src/bimi/dmarc-requirement.js";
import { defineRule } from "../../src/engine/define-rule.js";

export default defineRule({
  meta: {
    id: "bimi/dmarc-not-enforced",
    type: "problem",
    severity: "error",
    docs: {
      description:
        "A domain with a BIMI record has DMARC at quarantine or reject for all its mail (pct=100), and so does its organizational domain",
      spec: "draft-brand-indicators-for-message-identification (DMARC policy requirements); RFC 7489 §6.3 (p, sp, pct)",
    },
    messages: {
      notEnforced:
        "{domain} publishes a BIMI logo, but DMARC at {name} has {tag}={actual}: receivers show no logo unless the policy is quarantine or reject.",
      partial:
        "{domain} publishes a BIMI logo, but DMARC at {name} has pct={actual}: receivers show no logo unless the policy applies to 100 % of mail.",
    },
    remediation:
      "Move DMARC to `p=quarantine` or `p=reject` without pct (or pct=100) for the domain and its organizational domain, and no `sp=none`, once reports show its mail passes.",
  },
  check({ snapshot, report }) {
    const { bimi, dmarc } = snapshot;
    if (!bimi || !dmarc || bimi.record === null || bimi.declined) return;
    for (const shortfall of bimiDmarcShortfalls(snapshot.domain, dmarc)) {
      report({
        messageId: shortfall.tag === "pct" ? "partial" : "notEnforced",
        data: {
          domain: snapshot.domain,
          name: `_dmarc.${shortfall.domain}`,
          tag: shortfall.tag,
          actual: shortfall.actual,
        },
      });
    }
  },
});
