import type { Profile } from "./profile.js";

/**
 * Warnings that describe weak protection become errors, so a CI gate fails on them: a DMARC policy
 * that only monitors, a softfail `all`, a 1024-bit DKIM key, testing flags, and an MX record naming
 * an alias (RFC 2181 §10.3 "must not", which most senders forgive).
 */
export const strict: Profile = {
  description: "weak-but-valid setups fail the run: warnings about protection become errors",
  source:
    "RFC 7489 §6.3 / RFC 9989 §4.7 (p=none is monitoring only), RFC 8301 §3.2 (SHOULD use 2048-bit keys), RFC 2181 §10.3 (MX targets must not be aliases)",
  overrides: {
    "dkim/sha1-only": "error",
    "dkim/testing-mode": "error",
    "dkim/weak-key": "error",
    "dmarc/deprecated-tag": "warning",
    "dmarc/no-rua": "error",
    "dmarc/pct-partial": "error",
    "dmarc/policy-none": "error",
    "dmarc/rua-unauthorized": "error",
    "dmarc/subdomain-policy-weaker": "error",
    "dmarc/testing-mode": "error",
    "mx/cname-target": "error",
    "spf/permissive-all": "error",
    "spf/ptr": "error",
  },
};
