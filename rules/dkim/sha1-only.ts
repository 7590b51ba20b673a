import { defineRule } from "../../src/engine/define-rule.js";

export default defineRule({
  meta: {
    id: "dkim/sha1-only",
    type: "problem",
    severity: "error",
    docs: {
      description: "The DKIM key allows only SHA-1 (h=sha1), which verifiers must not accept",
      spec: "RFC 8301 §3.1; RFC 6376 §3.6.1 (h=)",
    },
    messages: {
      sha1Only:
        "DKIM selector {selector} restricts hashes to h={value}: rsa-sha1 MUST NOT be used, so no signature with this key can pass.",
    },
    remediation:
      "Remove h= (all algorithms allowed) or set h=sha256, and sign with rsa-sha256 or ed25519-sha256.",
  },
  check({ snapshot, report }) {
    for (const key of snapshot.dkim ?? []) {
      const hashes = key.hashAlgorithms;
      if (hashes?.includes("sha1") && !hashes.includes("sha256")) {
        report({ messageId: "sha1Only", data: { selector: key.selector, value: hashes.join(":") } });
      }
    }
  },
});
