import { defineRule } from "../../src/engine/define-rule.js";

export default defineRule({
  meta: {
    id: "spf/missing",
    type: "problem",
    severity: "error",
    docs: { description: "The domain publishes no SPF record", spec: "RFC 7208 §2.6.1, §4.5" },
    messages: {
      missing:
        "{domain} publishes no SPF record (no TXT record beginning with v=spf1): receivers get SPF result none.",
    },
    remediation:
      'Publish one TXT record at the domain listing the hosts that send its mail, e.g. "v=spf1 include:<provider> -all"; a domain that sends no mail publishes "v=spf1 -all".',
  },
  check({ snapshot, report }) {
    const spf = snapshot.spf;
    // A DNS failure is not an absence: dns/lookup-failed reports it, and the audit is inconclusive.
    if (!spf || spf.inconclusive || spf.records.length > 0) return;
    report({ messageId: "missing", data: { domain: snapshot.domain } });
  },
});
