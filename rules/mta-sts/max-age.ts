import { defineRule } from "../../src/engine/define-rule.js";

/** RFC 8461 §3.2: "maximum value of 31557600" (a year). */
export const MAX_AGE_LIMIT = 31_557_600;
/** Below a day, a cached policy protects little against an attacker at refresh time (§3.2: "weeks or greater"). */
export const SHORT_MAX_AGE = 86_400;

export default defineRule({
  meta: {
    id: "mta-sts/max-age",
    type: "problem",
    severity: "warning",
    docs: {
      description:
        "The policy's max_age is at most a year (31557600 s) and long enough to protect (a day or more)",
      spec: "RFC 8461 §3.2 (max_age)",
    },
    messages: {
      tooLong: {
        text: "The MTA-STS policy of {domain} has max_age {value}, above the maximum of {limit} seconds.",
        severity: "error",
      },
      short:
        "The MTA-STS policy of {domain} has max_age {value} s, under {limit} s (a day): senders refetch it often, and an attacker at refresh time can strip it.",
    },
    remediation:
      "Use a max_age of weeks once the policy is settled, e.g. `max_age: 1209600` (14 days) or `max_age: 31557600` (the maximum); shorter while testing is fine.",
  },
  check({ snapshot, report }) {
    const policy = snapshot.mtaSts?.policy;
    const maxAge = policy?.fetch.status === "ok" ? policy.maxAge : null;
    if (maxAge === null || maxAge === undefined) return;
    if (maxAge > MAX_AGE_LIMIT)
      report({
        messageId: "tooLong",
        data: { domain: snapshot.domain, value: maxAge, limit: MAX_AGE_LIMIT },
      });
    else if (maxAge < SHORT_MAX_AGE)
      report({ messageId: "short", data: { domain: snapshot.domain, value: maxAge, limit: SHORT_MAX_AGE } });
  },
});
