import type { DomainDeclaration } from "../../src/config/types.js";
import { defineRule } from "../../src/engine/define-rule.js";

export default defineRule<DomainDeclaration>({
  meta: {
    id: "drift/tls-rpt-rua",
    type: "drift",
    severity: "error",
    docs: {
      description:
        "Every TLS report destination declared in `expect.tlsRpt.rua` is listed in the _smtp._tls record",
      spec: "RFC 8460 §3 (rua)",
    },
    messages: {
      missing: "TLS-RPT destination {uri} declared for {domain} is not in {name} ({actual}).",
      noRecord: "{domain} publishes no TLS-RPT record at {name}; the config declares {expected}.",
    },
    remediation:
      "Add the destination to rua= of the _smtp._tls record (comma-separated); if it was removed on purpose, update `expect.tlsRpt.rua` in the same change.",
  },
  check({ snapshot, declared, report }) {
    const expected = declared?.expect?.tlsRpt?.rua;
    const tls = snapshot.tlsRpt;
    if (!expected || !tls || tls.status === "inconclusive") return;
    if (tls.record === null) {
      report({
        messageId: "noRecord",
        data: { domain: snapshot.domain, name: tls.name, expected: expected.join(", ") },
      });
      return;
    }
    const listed = new Set(tls.rua.map((u) => u.uri.toLowerCase()));
    const actual = tls.rua.map((u) => u.uri).join(", ") || "none";
    for (const uri of expected)
      if (!listed.has(uri.toLowerCase()))
        report({ messageId: "missing", data: { domain: snapshot.domain, name: tls.name, uri, actual } });
  },
});
