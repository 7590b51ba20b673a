import { defineRule } from "../../src/engine/define-rule.js";
import { spfNodes } from "../../src/spf/tree.js";

export default defineRule({
  meta: {
    id: "spf/ptr",
    type: "suggestion",
    severity: "warning",
    docs: {
      description: "An SPF record uses the ptr mechanism, which SHOULD NOT be used",
      spec: "RFC 7208 §5.5",
    },
    messages: {
      ptr: "The SPF record at {name} uses {mechanism}: RFC 7208 §5.5 says it SHOULD NOT be used (slow, unreliable, and some receivers skip it).",
    },
    remediation: "Replace ptr with ip4:/ip6: ranges or a/mx mechanisms for the hosts that send mail.",
  },
  check({ snapshot, report }) {
    for (const node of spfNodes(snapshot.spf)) {
      for (const term of node.ptrTerms)
        report({ messageId: "ptr", data: { domain: snapshot.domain, name: node.domain, mechanism: term } });
    }
  },
});
