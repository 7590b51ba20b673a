import { defineRule } from "../../src/engine/define-rule.js";

export default defineRule({
  meta: {
    id: "dkim/testing-mode",
    type: "suggestion",
    severity: "warning",
    docs: {
      description:
        "The DKIM key is flagged t=y (testing), so verifiers treat its signatures like no signature",
      spec: "RFC 6376 §3.6.1 (t=y)",
    },
    messages: {
      testing:
        "DKIM selector {selector} has t=y: verifiers MUST NOT treat its mail differently from unsigned mail.",
    },
    remediation: "Remove y from t= once signing works.",
  },
  check({ snapshot, report }) {
    for (const key of snapshot.dkim ?? []) {
      if (key.testing) report({ messageId: "testing", data: { selector: key.selector } });
    }
  },
});
