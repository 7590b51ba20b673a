import type { DomainDeclaration } from "../../src/config/types.js";
import { defineRule } from "../../src/engine/define-rule.js";

export default defineRule<DomainDeclaration>({
  meta: {
    id: "drift/bimi-authority",
    type: "drift",
    severity: "error",
    docs: {
      description:
        "The BIMI record names a mark certificate (a=) when `expect.bimi.authority: true` declares one",
      spec: "draft-brand-indicators-for-message-identification (a=)",
    },
    messages: {
      absent: "The BIMI record of {domain} names no mark certificate (a=), but the config declares one.",
    },
    remediation:
      "Restore `a=<https URL of the VMC/CMC PEM>` in the BIMI record; if the certificate was dropped on purpose, remove `expect.bimi.authority`.",
  },
  check({ snapshot, declared, report }) {
    if (declared?.expect?.bimi?.authority !== true) return;
    const bimi = snapshot.bimi;
    if (!bimi || bimi.status === "inconclusive") return;
    if (bimi.authority === "absent") report({ messageId: "absent", data: { domain: snapshot.domain } });
  },
});
