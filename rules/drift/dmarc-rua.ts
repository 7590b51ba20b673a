import { defineDriftRule } from "../../src/config/define-drift-rule.js";

export default defineDriftRule({
  meta: {
    id: "drift/dmarc-rua",
    type: "drift",
    configKey: "expect.dmarc.rua",
    severity: "error",
    docs: {
      description:
        "Every aggregate-report destination declared in `expect.dmarc.rua` is in the applying DMARC record",
      spec: "RFC 9989 §4.7 (rua); RFC 7489 §6.3, §7.1",
    },
    messages: {
      missing: "DMARC record for {domain} does not send aggregate reports to {uri} (declared in the config).",
    },
    remediation:
      "Add the URI to the record's `rua=` list (comma-separated, e.g. `rua=mailto:dmarc@example.com,mailto:reports@dmarc.cyber.dhs.gov`); an external destination must also authorize it (`<domain>._report._dmarc.<host>`).",
  },
  check({ snapshot, declared, report }) {
    const expected = declared?.expect?.dmarc?.rua;
    const dmarc = snapshot.dmarc;
    if (!expected || !dmarc?.complete) return;
    // URIs compare case-insensitively: scheme and mail host are case-insensitive, and receivers treat
    // local parts of report addresses the same way in practice.
    const published = new Set((dmarc.tags?.rua ?? []).map((u) => u.uri.toLowerCase()));
    for (const uri of expected) {
      if (!published.has(uri.toLowerCase()))
        report({ messageId: "missing", data: { domain: snapshot.domain, uri } });
    }
  },
});
