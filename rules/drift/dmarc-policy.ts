import { defineDriftRule } from "../../src/config/define-drift-rule.js";
import { isWeakerPolicy } from "../../src/config/expectation-facts.js";

export default defineDriftRule({
  meta: {
    id: "drift/dmarc-policy",
    type: "drift",
    configKey: "expect.dmarc.policy",
    severity: "error",
    docs: {
      description:
        "The DMARC policy that applies to mail from the domain is at least the one declared in mailaudit.yaml",
      spec: "RFC 9989 §4.7 (p, sp, np), §4.10.1 (policy discovery); RFC 7489 §6.3",
    },
    messages: {
      weaker: "DMARC policy for {domain} is p={actual}, weaker than the declared {expected}.",
      noPolicy: "No DMARC policy applies to {domain}; the config declares {expected}.",
    },
    remediation:
      "Publish (or restore) the declared policy in the _dmarc TXT record, e.g. `v=DMARC1; p=reject; rua=mailto:…`; if the weaker policy is intended, change `expect.dmarc.policy` in mailaudit.yaml in the same change.",
  },
  check({ snapshot, declared, report }) {
    const expected = declared?.expect?.dmarc?.policy;
    const dmarc = snapshot.dmarc;
    // A discovery cut short by DNS is inconclusive (dns/lookup-failed), never drift.
    if (!expected || !dmarc?.complete) return;
    const actual = dmarc.effectivePolicy;
    if (actual === null) report({ messageId: "noPolicy", data: { domain: snapshot.domain, expected } });
    else if (isWeakerPolicy(actual, expected))
      report({ messageId: "weaker", data: { domain: snapshot.domain, expected, actual } });
  },
});
