import type { DmarcProblemCode } from "../../src/dmarc/types.js";
import { defineRule } from "../../src/engine/define-rule.js";

/** Which message each parser problem becomes. */
const MESSAGE_FOR = {
  "bad-version": "badVersion",
  "malformed-tag": "malformedTag",
  "duplicate-tag": "duplicateTag",
  "invalid-character": "invalidCharacter",
  "unknown-tag": "unknownTag",
  "invalid-policy": "invalidPolicy",
  "invalid-value": "invalidValue",
  "missing-policy": "missingPolicy",
  "policy-not-second": "policyNotSecond",
  "invalid-uri": "invalidUri",
  "unsupported-uri-scheme": "unsupportedScheme",
} as const satisfies Record<DmarcProblemCode, string>;

export default defineRule({
  meta: {
    id: "dmarc/syntax",
    type: "problem",
    severity: "error",
    docs: {
      description: "The DMARC record breaks the record grammar or uses invalid values",
      spec: "RFC 9989 §4.7–4.8; RFC 7489 §6.3–6.4; RFC 6376 §3.2",
    },
    messages: {
      badVersion: 'DMARC record of {domain}: {reason} (found "{value}").',
      malformedTag: 'DMARC record of {domain}: malformed tag "{value}": {reason}.',
      duplicateTag:
        "DMARC record of {domain}: tag {tag} appears more than once, which makes the whole record invalid: {reason}.",
      invalidCharacter:
        "DMARC record of {domain}: the value of {tag} holds {reason}, so receivers treat {tag} as invalid.",
      unknownTag: { text: "DMARC record of {domain}: unknown tag {tag}; {reason}.", severity: "warning" },
      invalidPolicy:
        "DMARC record of {domain}: {tag}={value} is invalid ({reason}); the record acts as p=none at best.",
      invalidValue: {
        text: "DMARC record of {domain}: {tag}={value} is invalid ({reason}); receivers use the default.",
        severity: "warning",
      },
      missingPolicy: "DMARC record of {domain} has no p= tag: {reason}.",
      policyNotSecond: { text: "DMARC record of {domain}: {reason}.", severity: "notice" },
      invalidUri: 'DMARC record of {domain}: {tag} entry "{uri}" is {reason}.',
      unsupportedScheme: {
        text: 'DMARC record of {domain}: {tag} entry "{uri}": {reason}.',
        severity: "warning",
      },
    },
    remediation:
      "Rewrite the record as \"v=DMARC1; p=<none|quarantine|reject>; rua=mailto:<address>\" with one tag each, separated by ';'.",
  },
  check({ snapshot, report }) {
    const dmarc = snapshot.dmarc;
    if (!dmarc) return;
    for (const { domain, record } of dmarc.rejectedRecords) {
      report({
        messageId: "badVersion",
        data: {
          domain,
          value: record.slice(0, 20),
          reason: "a DMARC record must start with exactly v=DMARC1 (case-sensitive), so this one is ignored",
        },
      });
    }
    const domain = dmarc.source ?? snapshot.domain;
    for (const problem of dmarc.problems) {
      report({
        messageId: MESSAGE_FOR[problem.code],
        data: {
          domain,
          reason: problem.code === "duplicate-tag" ? invalidRecordOutcome(dmarc.policy) : problem.reason,
          tag: problem.tag ?? "",
          value: problem.value ?? "",
          uri: problem.value ?? "",
        },
      });
    }
  },
});

/** What receivers do with a record whose tag-list is invalid (RFC 9989 §4.10.1), for duplicateTag. */
function invalidRecordOutcome(policy: string | null): string {
  return policy === "none"
    ? "receivers apply none of its tags, only p=none because its rua names a valid address (RFC 9989 §4.10.1)"
    : "receivers apply no DMARC policy for it at all (RFC 9989 §4.10.1)";
}
