import { defineRule } from "../../src/engine/define-rule.js";
import { spfNodes } from "../../src/spf/tree.js";

export default defineRule({
  meta: {
    id: "spf/syntax",
    type: "problem",
    severity: "error",
    docs: {
      description: "An SPF record in the tree breaks the RFC 7208 grammar",
      spec: "RFC 7208 §4.6, §5, §6, §7.1, §12",
    },
    messages: {
      invalid:
        'The SPF record at {name} has an invalid term "{value}": {reason}. Receivers return permerror.',
    },
    remediation: "Correct or remove the term; every mechanism, modifier and macro must follow RFC 7208 §12.",
  },
  check({ snapshot, report }) {
    for (const node of spfNodes(snapshot.spf)) {
      for (const problem of node.syntaxProblems) {
        report({
          messageId: "invalid",
          data: { domain: snapshot.domain, name: node.domain, value: problem.term, reason: problem.reason },
        });
      }
    }
  },
});
