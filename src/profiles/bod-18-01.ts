import type { Profile } from "./profile.js";

/**
 * CISA Binding Operational Directive 18-01 ("Enhance Email and Web Security", 2017), its DNS parts:
 * valid SPF, a DMARC policy of p=reject on every second-level domain and mail-sending host, and
 * aggregate reports that include reports@dmarc.cyber.dhs.gov. The STARTTLS and SSLv2/SSLv3 parts are
 * about mail servers, not DNS, and are out of scope.
 *
 * p=reject and the DHS destination are per-domain facts, so the profile supplies them as default
 * expectations (checked by `drift/dmarc-policy`, `drift/dmarc-subdomain-policy`, `drift/dmarc-rua`);
 * a domain's own `expect:` in mailaudit.yaml still wins key by key.
 */
export const bod1801: Profile = {
  description: "CISA BOD 18-01 (DNS parts): SPF valid, DMARC p=reject with aggregate reports, incl. to DHS",
  source:
    "CISA Binding Operational Directive 18-01, https://www.cisa.gov/news-events/directives/bod-18-01-enhance-email-and-web-security",
  overrides: {
    "dmarc/missing": "error",
    "dmarc/no-rua": "error",
    "dmarc/pct-partial": "error",
    "dmarc/policy-none": "error",
    "dmarc/subdomain-policy-weaker": "error",
    "dmarc/syntax": "error",
    "dmarc/testing-mode": "error",
    "drift/dmarc-policy": "error",
    "drift/dmarc-rua": "error",
    "spf/missing": "error",
    "spf/multiple-records": "error",
    "spf/syntax": "error",
  },
  expectations: {
    dmarc: { policy: "reject", subdomainPolicy: "reject", rua: ["mailto:reports@dmarc.cyber.dhs.gov"] },
  },
};
