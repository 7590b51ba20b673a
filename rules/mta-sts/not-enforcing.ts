import { defineRule } from "../../src/engine/define-rule.js";

export default defineRule({
  meta: {
    id: "mta-sts/not-enforcing",
    type: "suggestion",
    severity: "warning",
    docs: {
      description:
        "The MTA-STS policy only reports (testing) or is withdrawn (none): senders still deliver without TLS",
      spec: "RFC 8461 §5 (policy modes)",
    },
    messages: {
      testing: {
        text: "The MTA-STS policy of {domain} is in testing mode: senders deliver even when TLS to its MX fails, and only report it.",
        severity: "notice",
      },
      none: "The MTA-STS policy of {domain} has mode none: it is withdrawn, and senders apply no TLS requirement.",
    },
    remediation:
      "Once TLS-RPT reports show every sender reaching the MX hosts over valid TLS, switch the policy to `mode: enforce` and change the id= of the _mta-sts record.",
  },
  check({ snapshot, report }) {
    const policy = snapshot.mtaSts?.policy;
    if (policy?.fetch.status !== "ok") return;
    if (policy.mode === "testing")
      report({ messageId: "testing", data: { domain: snapshot.domain, policy: "testing" } });
    if (policy.mode === "none")
      report({ messageId: "none", data: { domain: snapshot.domain, policy: "none" } });
  },
});
