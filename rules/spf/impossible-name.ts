import { defineRule } from "../../src/engine/define-rule.js";
import { spfNodes } from "../../src/spf/tree.js";

const FOLLOWED = /^[+?~-]?(include:|redirect=)/i;

export default defineRule({
  meta: {
    id: "spf/impossible-name",
    type: "problem",
    severity: "error",
    docs: {
      description:
        "A term names a target that can never be a DNS name (an empty label, a label over 63 octets)",
      spec: "RFC 7208 §4.3, §5.2, §6.1, §7.1; RFC 1035 §2.3.4",
    },
    messages: {
      neverMatches:
        'The SPF record at {name} has a term "{mechanism}" that can never match: {reason}. Receivers treat it as no match or as permerror.',
      permerror:
        'The SPF record at {name} has a term "{mechanism}" that can never be followed: {reason}. Receivers return permerror.',
    },
    remediation: "Fix the name (two dots in a row, a missing dot, a pasted value) or remove the term.",
  },
  check({ snapshot, report }) {
    for (const node of spfNodes(snapshot.spf)) {
      for (const lookup of node.lookupTerms) {
        if (lookup.impossible === undefined) continue;
        report({
          messageId: FOLLOWED.test(lookup.term) ? "permerror" : "neverMatches",
          data: {
            domain: snapshot.domain,
            name: node.domain,
            mechanism: lookup.term,
            reason: lookup.impossible,
          },
        });
      }
    }
  },
});
