import { domainIsAbsent } from "../../src/audit/domain-absent.js";
import { defineRule } from "../../src/engine/define-rule.js";

export default defineRule({
  meta: {
    id: "dns/domain-not-found",
    type: "problem",
    severity: "error",
    docs: {
      description: "The domain does not exist (NXDOMAIN), so it publishes nothing at all",
      spec: "RFC 8020 §2 (NXDOMAIN: nothing at or below the name); RFC 7208 §4.3; RFC 9989 §4.10.1",
    },
    messages: {
      notFound:
        "{domain} does not exist (NXDOMAIN): no SPF, DMARC or DKIM record can be published there. Check the spelling of the name.",
    },
    remediation:
      'Check the domain\'s spelling. A domain that really is new must be registered (or its zone delegated) before its records can be published; one that sends no mail still needs to exist to publish "v=spf1 -all" and a DMARC record.',
  },
  check({ snapshot, report }) {
    if (domainIsAbsent(snapshot)) report({ messageId: "notFound", data: { domain: snapshot.domain } });
  },
});
