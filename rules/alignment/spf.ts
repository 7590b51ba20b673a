import { defineRule } from "../../src/engine/define-rule.js";

export default defineRule({
  meta: {
    id: "alignment/spf",
    type: "problem",
    severity: "error",
    docs: {
      description: "A declared sender's return-path domain does not align with the From domain",
      spec: "RFC 9989 §4.4.2; RFC 7489 §3.1.2",
    },
    messages: {
      notAligned: {
        text: "Sender {name}: return-path {domain} is not {type}ly aligned with {expected}, and its DKIM does not align either: DMARC fails for its mail.",
        severity: "error",
      },
      notAlignedCovered: {
        text: "Sender {name}: return-path {domain} is not {type}ly aligned with {expected}; only its aligned DKIM signature keeps DMARC passing.",
        severity: "warning",
      },
    },
    remediation:
      "Configure the sender to use a return-path (bounce) domain under your domain (a custom MAIL FROM), or rely on an aligned DKIM signature.",
  },
  check({ snapshot, report }) {
    for (const sender of snapshot.alignment ?? []) {
      // null: the organizational domain could not be found (DNS failed): inconclusive, not a finding.
      if (sender.spf?.aligned !== false) continue;
      const data = {
        name: sender.name,
        domain: sender.spf.domain,
        type: sender.spf.mode,
        expected: sender.fromDomain,
      };
      report({ messageId: sender.dkim?.aligned === true ? "notAlignedCovered" : "notAligned", data });
    }
  },
});
