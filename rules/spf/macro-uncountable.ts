import { defineRule } from "../../src/engine/define-rule.js";
import { spfNodes } from "../../src/spf/tree.js";

export default defineRule({
  meta: {
    id: "spf/macro-uncountable",
    type: "suggestion",
    severity: "notice",
    docs: {
      description: "An include or redirect built from macros: its lookups cannot be counted statically",
      spec: "RFC 7208 §7, §4.6.4",
    },
    messages: {
      uncountable:
        "{mechanism} in the SPF record at {name} is built from macros: what it costs depends on each connection, so {count} lookups is a lower bound for {domain}.",
    },
    remediation:
      "Nothing to fix if the macro service is intended; check with `mailaudit spf <domain> --ip <addr>` for the senders you use.",
  },
  check({ snapshot, report }) {
    const count = snapshot.spf?.lookupCount ?? 0;
    for (const node of spfNodes(snapshot.spf)) {
      for (const term of node.uncountableTerms) {
        report({
          messageId: "uncountable",
          data: { domain: snapshot.domain, name: node.domain, mechanism: term, count },
        });
      }
    }
  },
});
