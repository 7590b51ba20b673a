import { defineRule } from "../../src/engine/define-rule.js";
import { spfNodes } from "../../src/spf/tree.js";

export default defineRule({
  meta: {
    id: "spf/include-loop",
    type: "problem",
    severity: "error",
    docs: {
      description: "An include or redirect leads back to a record already being evaluated",
      spec: "RFC 7208 §4.6.4, §5.2, §6.1",
    },
    messages: {
      loop: "In the SPF tree of {domain}, {mechanism} leads back to {name}, which is already being evaluated: receivers return permerror.",
    },
    remediation: "Remove the include or redirect that points back up the tree.",
  },
  check({ snapshot, report }) {
    for (const node of spfNodes(snapshot.spf)) {
      if (node.status !== "loop") continue;
      report({
        messageId: "loop",
        data: { domain: snapshot.domain, mechanism: node.term ?? node.via, name: node.domain },
      });
    }
  },
});
