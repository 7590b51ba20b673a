import { defineRule } from "../../src/engine/define-rule.js";

export default defineRule({
  meta: {
    id: "dkim/syntax",
    type: "problem",
    severity: "error",
    docs: {
      description: "A DKIM key record breaks the tag-list grammar or holds no usable key",
      spec: "RFC 6376 §3.2, §3.6.1; RFC 8463 §4.2",
    },
    messages: {
      invalid: "DKIM selector {selector}: {tag} {reason}.",
      multipleRecords: { text: "DKIM selector {selector}: {reason}.", severity: "warning" },
    },
    remediation:
      'Publish one TXT record "v=DKIM1; k=rsa; p=<base64 SubjectPublicKeyInfo>" (k=ed25519 with the raw 32-byte key for Ed25519), as your signing software prints it.',
  },
  check({ snapshot, report }) {
    for (const key of snapshot.dkim ?? []) {
      for (const problem of key.problems ?? []) {
        const messageId = problem.code === "multiple-records" ? "multipleRecords" : "invalid";
        const tag = problem.tag ? `${problem.tag}=${problem.value ?? ""}` : (problem.value ?? "record");
        report({
          messageId,
          data: { selector: key.selector, tag, value: problem.value ?? "", reason: problem.reason },
        });
      }
    }
  },
});
