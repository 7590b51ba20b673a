import { defineRule } from "../../src/engine/define-rule.js";

export default defineRule({
  meta: {
    id: "bimi/no-authority",
    type: "suggestion",
    severity: "notice",
    docs: {
      description:
        "The BIMI record names no mark certificate (a=), which most large mailbox providers require to show the logo",
      spec: "draft-brand-indicators-for-message-identification (a=, authority evidence)",
    },
    messages: {
      absent:
        "The BIMI record of {domain} has no a= (mark certificate): most large mailbox providers show no logo without one. Its certificate chain is not checked by mailaudit.",
    },
    remediation:
      "Obtain a Verified Mark Certificate (or Common Mark Certificate) for the logo and publish its PEM at an https: URL named in `a=`.",
  },
  check({ snapshot, report }) {
    const bimi = snapshot.bimi;
    if (!bimi || bimi.record === null || bimi.declined || bimi.authority === "present") return;
    if (bimi.problems.some((p) => p.tag === "a")) return;
    report({ messageId: "absent", data: { domain: snapshot.domain } });
  },
});
