import { defineRule } from "../../src/engine/define-rule.js";
import { coveringPattern } from "../../src/mta-sts/mx-pattern.js";

export default defineRule({
  meta: {
    id: "mta-sts/mx-not-covered",
    type: "problem",
    severity: "error",
    docs: {
      description:
        "Every MX host matches an mx pattern of the MTA-STS policy (enforce: senders refuse the others; testing: reports only)",
      spec: "RFC 8461 §3.2 (mx), §4.1, §5",
    },
    messages: {
      notCovered:
        "MX host {name} of {domain} matches no mx pattern of its MTA-STS policy ({value}); in enforce mode senders will not deliver to it.",
      notCoveredTesting: {
        text: "MX host {name} of {domain} matches no mx pattern of its MTA-STS policy ({value}); in testing mode senders report it, and would refuse it under enforce.",
        severity: "warning",
      },
    },
    remediation:
      "Add an `mx:` line for the host (or a `*.` pattern covering it) to the policy and change the id= of the _mta-sts record, or point the MX record at a covered host.",
  },
  check({ snapshot, report }) {
    const policy = snapshot.mtaSts?.policy;
    if (policy?.fetch.status !== "ok" || policy.mx.length === 0) return;
    if (policy.mode !== "enforce" && policy.mode !== "testing") return;
    const messageId = policy.mode === "enforce" ? "notCovered" : "notCoveredTesting";
    for (const host of snapshot.mx?.hosts ?? []) {
      if (coveringPattern(host.name, policy.mx) !== null) continue;
      report({ messageId, data: { domain: snapshot.domain, name: host.name, value: policy.mx.join(", ") } });
    }
  },
});
