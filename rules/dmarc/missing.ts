import { defineRule } from "../../src/engine/define-rule.js";

export default defineRule({
  meta: {
    id: "dmarc/missing",
    type: "problem",
    severity: "error",
    docs: { description: "No DMARC record applies to the domain", spec: "RFC 9989 §4.10.1; RFC 7489 §6.6.3" },
    messages: {
      noRecord:
        "No DMARC record applies to {domain}: neither _dmarc.{domain} nor its organizational domain publishes one.",
    },
    remediation:
      'Publish a TXT record at _dmarc.<domain>, e.g. "v=DMARC1; p=none; rua=mailto:dmarc@<domain>", then tighten p.',
  },
  check({ snapshot, report }) {
    const dmarc = snapshot.dmarc;
    // Unfinished discovery is inconclusive (dns/lookup-failed); several records are dmarc/multiple-records.
    if (!dmarc?.complete || dmarc.record !== null || dmarc.multipleRecords.length > 0) return;
    report({ messageId: "noRecord", data: { domain: snapshot.domain } });
  },
});
