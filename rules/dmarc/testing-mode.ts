import { defineRule } from "../../src/engine/define-rule.js";

export default defineRule({
  meta: {
    id: "dmarc/testing-mode",
    type: "suggestion",
    severity: "warning",
    docs: {
      description: "t=y asks receivers to apply one policy level lower than published",
      spec: "RFC 9989 §4.7 (t)",
    },
    messages: {
      testing:
        "_dmarc.{domain} has t=y (testing): RFC 9989 receivers apply p={policy} one level lower (reject as quarantine, quarantine as none).",
    },
    remediation: "Remove t=y (or set t=n) once the reports show your mail aligned.",
  },
  check({ snapshot, report }) {
    const dmarc = snapshot.dmarc;
    if (!dmarc?.source || dmarc.tags?.t !== "y") return;
    report({ messageId: "testing", data: { domain: dmarc.source, policy: dmarc.policy ?? "none" } });
  },
});
