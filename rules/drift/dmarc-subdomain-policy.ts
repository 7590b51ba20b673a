import { defineDriftRule } from "../../src/config/define-drift-rule.js";
import { isWeakerPolicy } from "../../src/config/expectation-facts.js";

export default defineDriftRule({
  meta: {
    id: "drift/dmarc-subdomain-policy",
    type: "drift",
    configKey: "expect.dmarc.subdomainPolicy",
    severity: "error",
    docs: {
      description: "The DMARC policy for the domain's subdomains (sp, else p) is at least the one declared",
      spec: "RFC 9989 §4.7 (sp), §4.10.1; RFC 7489 §6.3",
    },
    messages: {
      weaker: "DMARC subdomain policy of {domain} is {actual}, weaker than the declared {expected}.",
      noPolicy: "No DMARC policy covers subdomains of {domain}; the config declares {expected}.",
    },
    remediation:
      "Set `sp=` in the organizational domain's _dmarc record to the declared policy (or remove a weaker `sp=` so `p=` applies); if intended, change `expect.dmarc.subdomainPolicy`.",
  },
  check({ snapshot, declared, report }) {
    const expected = declared?.expect?.dmarc?.subdomainPolicy;
    const dmarc = snapshot.dmarc;
    if (!expected || !dmarc?.complete) return;
    const actual = dmarc.subdomainPolicy;
    if (actual === null) report({ messageId: "noPolicy", data: { domain: snapshot.domain, expected } });
    else if (isWeakerPolicy(actual, expected))
      report({ messageId: "weaker", data: { domain: snapshot.domain, expected, actual } });
  },
});
