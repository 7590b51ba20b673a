import { defineRule } from "../../src/engine/define-rule.js";
import { spfNodes } from "../../src/spf/tree.js";

/** RFC 7208 §4.6.4: evaluating one mx "MUST NOT result in querying more than 10 address records". */
export const MX_HOST_LIMIT = 10;

export default defineRule({
  meta: {
    id: "spf/mx-address-limit",
    type: "problem",
    severity: "error",
    docs: { description: "An mx mechanism names more than 10 MX hosts", spec: "RFC 7208 §4.6.4" },
    messages: {
      tooManyHosts:
        "{mechanism} in the SPF record at {name} names {count} MX hosts (limit {limit}): receivers return permerror.",
    },
    remediation: "Replace the mx mechanism with ip4:/ip6: ranges for the hosts that actually send mail.",
  },
  check({ snapshot, report }) {
    for (const node of spfNodes(snapshot.spf)) {
      for (const term of node.lookupTerms) {
        if ((term.mxHosts ?? 0) <= MX_HOST_LIMIT) continue;
        report({
          messageId: "tooManyHosts",
          data: {
            domain: snapshot.domain,
            name: node.domain,
            mechanism: term.term,
            count: term.mxHosts ?? 0,
            limit: MX_HOST_LIMIT,
          },
        });
      }
    }
  },
});
