import { defineRule } from "../../src/engine/define-rule.js";

export default defineRule({
  meta: {
    id: "dmarc/rua-unauthorized",
    type: "problem",
    severity: "error",
    docs: {
      description: "An external report destination has not authorized reports for the domain",
      spec: "RFC 7489 §7.1; RFC 9990 (external destination verification)",
    },
    messages: {
      unauthorized:
        "{tag} destination {uri} is outside {domain}'s organization and {name} has no v=DMARC1 record: receivers will not send it reports.",
    },
    remediation:
      'Ask the destination\'s owner to publish TXT "v=DMARC1" at <your-domain>._report._dmarc.<their-host>, or report to an address in your own domain.',
  },
  check({ snapshot, report }) {
    const dmarc = snapshot.dmarc;
    for (const auth of dmarc?.reportAuthorizations ?? []) {
      // null means the lookup failed: inconclusive, reported by dns/lookup-failed.
      if (auth.authorized !== false) continue;
      report({
        messageId: "unauthorized",
        data: { tag: auth.tag, uri: auth.uri, domain: dmarc?.source ?? snapshot.domain, name: auth.name },
      });
    }
  },
});
