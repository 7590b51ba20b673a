import { defineRule } from "../../src/engine/define-rule.js";

export default defineRule({
  meta: {
    id: "dkim/missing",
    type: "problem",
    severity: "error",
    docs: { description: "A declared DKIM selector has no key record", spec: "RFC 6376 §3.6.2.2, §6.1.2" },
    messages: {
      noKey:
        "DKIM selector {selector} has no key record at {name}: signatures made with it fail (permfail, no key).",
    },
    remediation:
      "Publish the selector's public key as TXT at <selector>._domainkey.<domain> (or the CNAME your provider gives), or stop checking a selector you no longer use.",
  },
  check({ snapshot, report }) {
    for (const key of snapshot.dkim ?? []) {
      if (key.status === "missing")
        report({ messageId: "noKey", data: { selector: key.selector, name: key.name } });
    }
  },
});
