import { defineRule } from "../../src/engine/define-rule.js";
import { spfNodes } from "../../src/spf/tree.js";

export default defineRule({
  meta: {
    id: "spf/multiple-records",
    type: "problem",
    severity: "error",
    docs: { description: "A name in the SPF tree has more than one SPF record", spec: "RFC 7208 §3.2, §4.5" },
    messages: {
      multiple:
        "{name} has {count} SPF records; receivers return permerror for the SPF check of {domain} (RFC 7208 §4.5).",
    },
    remediation: "Merge the records into one TXT record beginning with v=spf1 and delete the others.",
  },
  check({ snapshot, report }) {
    for (const node of spfNodes(snapshot.spf)) {
      if (node.status !== "multiple") continue;
      report({
        messageId: "multiple",
        data: { domain: snapshot.domain, name: node.domain, count: node.records.length },
      });
    }
  },
});
