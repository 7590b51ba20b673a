import { defineRule } from "../../src/engine/define-rule.js";
import { resultChain } from "../../src/spf/tree.js";

export default defineRule({
  meta: {
    id: "spf/no-all",
    type: "suggestion",
    severity: "warning",
    docs: {
      description: "The SPF record ends without an all mechanism or a redirect",
      spec: "RFC 7208 §4.7, §5.1",
    },
    messages: {
      noAll:
        "The SPF record at {name} has neither an all mechanism nor a redirect: mail from unlisted hosts gets neutral for {domain}.",
    },
    remediation: 'End the record with "-all" (or "~all"), or hand over to another record with "redirect=".',
  },
  check({ snapshot, report }) {
    // The record that decides the result when nothing matches: the end of the redirect chain.
    const final = [...resultChain(snapshot.spf)].at(-1);
    if (!final || final.allQualifier !== null || final.hasRedirect) return;
    report({ messageId: "noAll", data: { domain: snapshot.domain, name: final.domain } });
  },
});
