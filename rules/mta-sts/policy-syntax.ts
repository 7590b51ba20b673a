import { defineRule } from "../../src/engine/define-rule.js";
import type { PolicyProblemCode } from "../../src/mta-sts/types.js";

const MESSAGE = {
  "not-utf8": "notUtf8",
  "malformed-line": "malformedLine",
  "blank-line": "blankLine",
  "duplicate-key": "duplicateKey",
  "missing-key": "missingKey",
  "bad-version": "invalidValue",
  "bad-mode": "invalidValue",
  "bad-max-age": "invalidValue",
  "bad-mx": "invalidValue",
  "no-mx": "noMx",
} as const satisfies Record<PolicyProblemCode, string>;

export default defineRule({
  meta: {
    id: "mta-sts/policy-syntax",
    type: "problem",
    severity: "error",
    docs: {
      description: "The MTA-STS policy file breaks the RFC 8461 format (version, mode, max_age, mx lines)",
      spec: "RFC 8461 §3.2",
    },
    messages: {
      notUtf8: "The MTA-STS policy at {uri} is not valid UTF-8.",
      malformedLine: "The MTA-STS policy at {uri}, line {line}, is not key: value: {value}.",
      blankLine: {
        text: "The MTA-STS policy at {uri} has an empty line (line {line}); strict senders reject it.",
        severity: "warning",
      },
      duplicateKey: "The MTA-STS policy at {uri} gives {tag} more than once (line {line}).",
      missingKey: "The MTA-STS policy at {uri} has no {tag}, which is required; senders discard it.",
      invalidValue: "The MTA-STS policy at {uri}, line {line}: {tag}: {value} is invalid ({reason}).",
      noMx: "The MTA-STS policy at {uri} lists no mx pattern: no MX host can match it.",
    },
    remediation:
      "Serve `version: STSv1`, `mode: enforce|testing|none`, one `mx: <host or *.domain>` line per MX pattern and `max_age: <seconds>`, one per line (LF or CRLF), nothing else; then change the id= of the _mta-sts record.",
  },
  check({ snapshot, report }) {
    const policy = snapshot.mtaSts?.policy;
    if (policy?.fetch.status !== "ok") return;
    for (const problem of policy.problems) {
      report({
        messageId: MESSAGE[problem.code],
        data: {
          domain: snapshot.domain,
          uri: policy.url,
          line: problem.line ?? 0,
          tag: problem.key ?? "",
          value: problem.value ?? "",
          reason: problem.reason,
        },
      });
    }
  },
});
