import { defineRule } from "../../src/engine/define-rule.js";
import { resultChain, spfNodes } from "../../src/spf/tree.js";

export default defineRule({
  meta: {
    id: "spf/permissive-all",
    type: "problem",
    severity: "error",
    docs: {
      description: "The SPF record passes (+all) or shrugs at (?all) mail from any host",
      spec: "RFC 7208 §5.1, §8.1, §8.2",
    },
    messages: {
      plusAll:
        "The SPF record at {name} has {mechanism}: every host on the Internet passes SPF for {domain}.",
      neutralAll: {
        text: "The SPF record at {name} ends with {mechanism}: mail from unlisted hosts gets neutral, no better than no SPF for {domain}.",
        severity: "warning",
      },
    },
    remediation: 'End the record with "-all" (or "~all" while you are still finding your senders).',
  },
  check({ snapshot, report }) {
    const domain = snapshot.domain;
    // +all anywhere it is evaluated: in an include it makes the include match every host (§5.2).
    for (const node of spfNodes(snapshot.spf)) {
      if (node.status === "ok" && node.allQualifier === "+")
        report({ messageId: "plusAll", data: { domain, name: node.domain, mechanism: "+all" } });
    }
    // ?all only matters where it decides the domain's own result; in an include it just means "no match".
    for (const node of resultChain(snapshot.spf)) {
      if (node.allQualifier === "?")
        report({ messageId: "neutralAll", data: { domain, name: node.domain, mechanism: "?all" } });
    }
  },
});
