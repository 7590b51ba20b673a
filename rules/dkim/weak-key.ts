import { defineRule } from "../../src/engine/define-rule.js";

export default defineRule({
  meta: {
    id: "dkim/weak-key",
    type: "problem",
    severity: "error",
    docs: {
      description: "An RSA DKIM key is shorter than RFC 8301 allows (1024) or recommends (2048)",
      spec: "RFC 8301 §3.2",
    },
    messages: {
      tooShort: {
        text: "DKIM selector {selector} has a {bits}-bit RSA key; signers MUST use at least {limit} bits, and verifiers reject it.",
        severity: "error",
      },
      belowRecommended: {
        text: "DKIM selector {selector} has a {bits}-bit RSA key; signers SHOULD use at least {limit} bits.",
        severity: "warning",
      },
    },
    remediation:
      "Generate a 2048-bit RSA key (or an Ed25519 key alongside it) under a new selector, publish it, switch signing to it, then revoke the old selector.",
  },
  check({ snapshot, report }) {
    for (const key of snapshot.dkim ?? []) {
      if (key.keyType !== "rsa" || key.keyBits === null) continue;
      if (key.keyBits < 1024)
        report({ messageId: "tooShort", data: { selector: key.selector, bits: key.keyBits, limit: 1024 } });
      else if (key.keyBits < 2048)
        report({
          messageId: "belowRecommended",
          data: { selector: key.selector, bits: key.keyBits, limit: 2048 },
        });
    }
  },
});
