import { defineRule } from "../../src/engine/define-rule.js";

export default defineRule({
  meta: {
    id: "dmarc/misplaced-record",
    type: "problem",
    severity: "warning",
    docs: {
      description: "A DMARC record at the domain's apex, or an SPF record at _dmarc, has no effect",
      spec: "RFC 7489 §6.1; RFC 9989 §4.10; RFC 7208 §4.4",
    },
    messages: {
      dmarcAtApex:
        "{name} publishes a DMARC record at its apex, where receivers never look (they read _dmarc.{name}).",
      spfAtDmarc:
        "{name} publishes an SPF record, where receivers never look for SPF (they read the domain itself).",
    },
    remediation:
      "Move DMARC records to _dmarc.<domain> and SPF records to <domain>, then delete the misplaced copy.",
  },
  check({ snapshot, report }) {
    for (const { kind, name, record } of snapshot.dmarc?.misplaced ?? []) {
      report({ messageId: kind === "dmarc-at-apex" ? "dmarcAtApex" : "spfAtDmarc", data: { name, record } });
    }
  },
});
