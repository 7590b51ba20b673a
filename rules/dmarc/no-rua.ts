import { defineRule } from "../../src/engine/define-rule.js";

export default defineRule({
  meta: {
    id: "dmarc/no-rua",
    type: "suggestion",
    severity: "warning",
    docs: {
      description: "The DMARC record asks for no aggregate reports",
      spec: "RFC 9989 §4.7 (rua); RFC 9990",
    },
    messages: {
      noRua:
        "_dmarc.{domain} has no usable rua= address: nobody receives aggregate reports about mail sent as {domain}.",
    },
    remediation:
      "Add rua=mailto:<address> (an address you read, or a report-processing service authorized for your domain).",
  },
  check({ snapshot, report }) {
    const dmarc = snapshot.dmarc;
    if (!dmarc?.source || !dmarc.tags) return;
    if ((dmarc.tags.rua ?? []).some((u) => u.valid)) return;
    report({ messageId: "noRua", data: { domain: dmarc.source } });
  },
});
