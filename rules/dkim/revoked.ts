import { defineRule } from "../../src/engine/define-rule.js";

export default defineRule({
  meta: {
    id: "dkim/revoked",
    type: "problem",
    severity: "error",
    docs: {
      description: "The DKIM key record has an empty p=, which revokes the key",
      spec: "RFC 6376 §3.6.1 (p=), §6.1.2",
    },
    messages: {
      revoked:
        "DKIM selector {selector} is revoked (empty p= at {name}): every signature made with it fails.",
    },
    remediation:
      "If mail is still signed with this selector, publish its current public key; otherwise stop declaring the selector.",
  },
  check({ snapshot, report }) {
    for (const key of snapshot.dkim ?? []) {
      if (key.revoked) report({ messageId: "revoked", data: { selector: key.selector, name: key.name } });
    }
  },
});
