import { defineRule } from "../../src/engine/define-rule.js";

export default defineRule({
  meta: {
    id: "dmarc/multiple-records",
    type: "problem",
    severity: "error",
    docs: {
      description: "A _dmarc name publishes more than one DMARC record, so receivers discard them all",
      spec: "RFC 9989 §4.10 steps 2 and 7; RFC 7489 §6.6.3",
    },
    messages: {
      multiple: "_dmarc.{domain} publishes {count} DMARC records; receivers discard all of them.",
    },
    remediation:
      "Keep exactly one TXT record starting with v=DMARC1 at the name; merge the tags you need into it.",
  },
  check({ snapshot, report }) {
    for (const { domain, records } of snapshot.dmarc?.multipleRecords ?? []) {
      report({ messageId: "multiple", data: { domain, count: records.length } });
    }
  },
});
