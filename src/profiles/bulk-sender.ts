import type { Profile } from "./profile.js";

/**
 * Google's and Yahoo's requirements for bulk senders (more than 5,000 messages a day to their
 * users), in force since February 2024: SPF and DKIM both set up, a DMARC record with at least
 * p=none, and the From domain aligned with SPF or DKIM. A monitoring-only policy is allowed, so
 * `dmarc/policy-none` is only a notice here; what is required is an error.
 */
export const bulkSender: Profile = {
  description:
    "Gmail and Yahoo bulk-sender requirements (February 2024): SPF, DKIM, DMARC p=none or stronger, alignment",
  source:
    "Google Email sender guidelines (support.google.com/a/answer/81126), Yahoo Sender Best Practices (senders.yahooinc.com/best-practices), effective February 2024",
  overrides: {
    "alignment/dkim": "error",
    "alignment/spf": "error",
    "dkim/missing": "error",
    "dkim/revoked": "error",
    "dkim/syntax": "error",
    "dkim/weak-key": "error",
    "dmarc/missing": "error",
    "dmarc/multiple-records": "error",
    "dmarc/policy-none": "notice",
    "dmarc/syntax": "error",
    "spf/missing": "error",
    "spf/multiple-records": "error",
    "spf/syntax": "error",
  },
};
