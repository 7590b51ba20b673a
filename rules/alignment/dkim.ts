import { defineRule } from "../../src/engine/define-rule.js";

export default defineRule({
  meta: {
    id: "alignment/dkim",
    type: "problem",
    severity: "error",
    docs: {
      description:
        "A declared sender's DKIM signing domain does not align with the From domain, or it declares none",
      spec: "RFC 9989 §4.4.1; RFC 7489 §3.1.1",
    },
    messages: {
      notAligned: {
        text: "Sender {name}: DKIM domain {domain} is not {type}ly aligned with {expected}, and its return-path does not align either: DMARC fails for its mail.",
        severity: "error",
      },
      notAlignedCovered: {
        text: "Sender {name}: DKIM domain {domain} is not {type}ly aligned with {expected}; only SPF keeps DMARC passing, and forwarding breaks SPF.",
        severity: "warning",
      },
      unsigned: {
        text: "Sender {name} declares no DKIM signing domain: its mail passes DMARC through SPF alone, which forwarding breaks.",
        severity: "warning",
      },
    },
    remediation:
      "Have the sender sign with d=<your domain> (most providers publish a selector you delegate by CNAME), and declare it as dkimDomain.",
  },
  check({ snapshot, report }) {
    for (const sender of snapshot.alignment ?? []) {
      if (!sender.dkim) {
        report({ messageId: "unsigned", data: { name: sender.name } });
        continue;
      }
      if (sender.dkim.aligned !== false) continue;
      const data = {
        name: sender.name,
        domain: sender.dkim.domain,
        type: sender.dkim.mode,
        expected: sender.fromDomain,
      };
      report({ messageId: sender.spf?.aligned === true ? "notAlignedCovered" : "notAligned", data });
    }
  },
});
