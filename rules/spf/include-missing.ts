import { defineRule } from "../../src/engine/define-rule.js";
import { spfNodes } from "../../src/spf/tree.js";

export default defineRule({
  meta: {
    id: "spf/include-missing",
    type: "problem",
    severity: "error",
    docs: {
      description: "An include or redirect points at a name without an SPF record",
      spec: "RFC 7208 §5.2, §6.1",
    },
    messages: {
      missing:
        "In the SPF tree of {domain}, {mechanism} points at {name}, which has no SPF record: receivers return permerror.",
    },
    remediation: "Fix the name (a typo, or a service you no longer use) or remove the term.",
  },
  check({ snapshot, report }) {
    // Nodes whose lookup failed have status temperror, never missing: dns/lookup-failed speaks for them.
    for (const node of spfNodes(snapshot.spf)) {
      if (node.status !== "missing" || node.via === "root") continue;
      report({
        messageId: "missing",
        data: { domain: snapshot.domain, mechanism: node.term ?? node.via, name: node.domain },
      });
    }
  },
});
