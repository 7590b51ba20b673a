import type { DomainDeclaration } from "../../src/config/types.js";
import { defineRule } from "../../src/engine/define-rule.js";

export default defineRule<DomainDeclaration>({
  meta: {
    id: "drift/bimi-logo",
    type: "drift",
    severity: "error",
    docs: {
      description: "The BIMI record's l= names the logo URL declared in `expect.bimi.logo`",
      spec: "draft-brand-indicators-for-message-identification (l=)",
    },
    messages: {
      changed: "The BIMI record of {domain} points at {actual}, not the declared logo {expected}.",
      noRecord: "{domain} publishes no BIMI record at {name}; the config declares the logo {expected}.",
    },
    remediation:
      "Restore `l=<declared URL>` in the BIMI record; if the logo moved on purpose, update `expect.bimi.logo` in the same change.",
  },
  check({ snapshot, declared, report }) {
    const expected = declared?.expect?.bimi?.logo;
    const bimi = snapshot.bimi;
    if (!expected || !bimi || bimi.status === "inconclusive") return;
    if (bimi.record === null)
      report({ messageId: "noRecord", data: { domain: snapshot.domain, name: bimi.name, expected } });
    else if (bimi.logoUrl !== expected)
      report({
        messageId: "changed",
        data: { domain: snapshot.domain, expected, actual: bimi.logoUrl ?? "no logo" },
      });
  },
});
