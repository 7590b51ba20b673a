import { defineRule } from "../../src/engine/define-rule.js";

export default defineRule({
  meta: {
    id: "dkim/service-excludes-email",
    type: "problem",
    severity: "error",
    docs: {
      description: "The DKIM key's s= service types exclude email, so verifiers must not use it for mail",
      spec: "RFC 6376 §3.6.1 (s=)",
    },
    messages: {
      excluded:
        "DKIM selector {selector} has s={value}, which names neither email nor *: the key is not valid for email.",
    },
    remediation: "Remove s= (defaults to *) or set s=email.",
  },
  check({ snapshot, report }) {
    for (const key of snapshot.dkim ?? []) {
      const services = key.serviceTypes;
      if (services && !services.includes("email") && !services.includes("*")) {
        report({ messageId: "excluded", data: { selector: key.selector, value: services.join(":") } });
      }
    }
  },
});
