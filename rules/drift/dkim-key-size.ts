import { defineDriftRule } from "../../src/config/define-drift-rule.js";

export default defineDriftRule({
  meta: {
    id: "drift/dkim-key-size",
    type: "drift",
    configKey: "expect.dkim.minKeyBits",
    severity: "error",
    docs: {
      description:
        "Every RSA DKIM key of the domain has at least the bits declared in `expect.dkim.minKeyBits`",
      spec: "RFC 8301 §3.2 (at least 1024 bits, SHOULD be 2048); RFC 6376 §3.3.3",
    },
    messages: {
      tooSmall:
        "DKIM key {selector} of {domain} is {bits}-bit RSA, smaller than the declared {expected} bits.",
    },
    remediation:
      "Generate a new key of the declared size under a new selector, publish it, switch signing to it, then revoke the old selector (`p=`).",
  },
  check({ snapshot, declared, report }) {
    const expected = declared?.expect?.dkim?.minKeyBits;
    if (expected === undefined) return;
    for (const key of snapshot.dkim ?? []) {
      // Ed25519 keys are 256-bit by design and as strong as ~3000-bit RSA (RFC 8463): bits are an RSA measure.
      if (key.status !== "found" || key.keyType !== "rsa" || key.keyBits === null) continue;
      if (key.keyBits < expected) {
        report({
          messageId: "tooSmall",
          data: { domain: snapshot.domain, selector: key.selector, bits: key.keyBits, expected },
        });
      }
    }
  },
});
