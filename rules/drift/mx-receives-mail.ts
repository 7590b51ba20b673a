import type { DomainDeclaration } from "../../src/config/types.js";
import { defineRule } from "../../src/engine/define-rule.js";

export default defineRule<DomainDeclaration>({
  meta: {
    id: "drift/mx-receives-mail",
    type: "drift",
    severity: "error",
    docs: {
      description:
        "A domain declared to receive mail (`expect.mx.receivesMail: true`) has MX hosts; one declared sending-only (false) has none",
      spec: "RFC 5321 §5.1; RFC 7505 §3 (null MX)",
    },
    messages: {
      noMx: "{domain} is declared to receive mail, but publishes no MX record.",
      nullMx: "{domain} is declared to receive mail, but publishes a null MX (it accepts no mail).",
      receives: "{domain} is declared sending-only, but its MX records name {count} host(s): {actual}.",
    },
    remediation:
      "Restore the MX records (or the null MX) the declaration describes; if the domain's role changed, update `expect.mx.receivesMail` in mailaudit.yaml in the same change.",
  },
  check({ snapshot, declared, report }) {
    const expected = declared?.expect?.mx?.receivesMail;
    const mx = snapshot.mx;
    if (expected === undefined || !mx || mx.status === "inconclusive") return;
    const domain = snapshot.domain;
    const hosts = mx.records.filter((r) => r.exchange !== ".");
    if (expected && mx.status === "none") report({ messageId: "noMx", data: { domain } });
    else if (expected && hosts.length === 0) report({ messageId: "nullMx", data: { domain } });
    else if (!expected && hosts.length > 0)
      report({
        messageId: "receives",
        data: { domain, count: hosts.length, actual: hosts.map((h) => h.exchange).join(", ") },
      });
  },
});
