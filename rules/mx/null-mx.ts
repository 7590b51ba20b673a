import { defineRule } from "../../src/engine/define-rule.js";
import { spfAuthorizesSenders } from "../../src/mx/spf-senders.js";

export default defineRule({
  meta: {
    id: "mx/null-mx",
    type: "problem",
    severity: "error",
    docs: {
      description:
        "A null MX (RFC 7505) must stand alone with preference 0, and contradicts an SPF record that authorizes senders",
      spec: "RFC 7505 §3, §4.2; RFC 7208 §2.4",
    },
    messages: {
      mixed:
        "{domain} publishes a null MX (accepts no mail) beside {count} other MX record(s); RFC 7505 forbids mixing them and senders may try the others.",
      preference: {
        text: "The null MX of {domain} has preference {value}; RFC 7505 writes it as 0.",
        severity: "notice",
      },
      spfAuthorizes: {
        text: "{domain} accepts no mail (null MX), yet its SPF record authorizes senders ({record}): receivers may refuse mail from it (550 5.7.27) and bounces to it are lost.",
        severity: "warning",
      },
    },
    remediation:
      "Publish either the null MX alone (`MX 0 .`) or real MX hosts, not both. A domain used as an envelope sender (MAIL FROM) needs an MX that receives its bounces; a domain that sends nothing publishes `v=spf1 -all` beside its null MX.",
  },
  check({ snapshot, report }) {
    const mx = snapshot.mx;
    if (!mx?.nullMx) return;
    const domain = snapshot.domain;
    const others = mx.records.filter((r) => r.exchange !== ".").length;
    if (others > 0) report({ messageId: "mixed", data: { domain, count: others } });
    for (const record of mx.records)
      if (record.exchange === "." && record.priority !== 0)
        report({ messageId: "preference", data: { domain, value: record.priority } });
    const spf = snapshot.spf?.record;
    if (others === 0 && spf && spfAuthorizesSenders(spf))
      report({ messageId: "spfAuthorizes", data: { domain, record: spf } });
  },
});
