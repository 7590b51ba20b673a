import type { BimiProblem } from "../../src/bimi/types.js";
import { defineRule } from "../../src/engine/define-rule.js";

const MESSAGE = {
  "bad-version": "badVersion",
  "malformed-tag": "malformedTag",
  "duplicate-tag": "duplicateTag",
  "invalid-value": "invalidValue",
} as const satisfies Record<BimiProblem["code"], string>;

export default defineRule({
  meta: {
    id: "bimi/syntax",
    type: "problem",
    severity: "error",
    docs: {
      description: "The BIMI record breaks its grammar: v=BIMI1 first, l= and a= https: URLs (or empty)",
      spec: "draft-brand-indicators-for-message-identification (BIMI assertion record); RFC 6376 §3.2 (tag-list)",
    },
    messages: {
      badVersion: "The BIMI record at {name} must begin with v=BIMI1: {value}.",
      malformedTag: "The BIMI record at {name} has a malformed tag ({reason}): {value}.",
      duplicateTag: "The BIMI record at {name} gives {tag}= more than once; receivers discard it.",
      invalidValue: "The BIMI record at {name} has an invalid {tag}={value}: {reason}.",
    },
    remediation:
      "Publish `v=BIMI1; l=https://<host>/logo.svg; a=https://<host>/vmc.pem` at default._bimi.<domain> (an empty `a=` when there is no mark certificate; `l=; a=;` to decline).",
  },
  check({ snapshot, report }) {
    const bimi = snapshot.bimi;
    if (!bimi || bimi.record === null) return;
    const name = `default._bimi.${bimi.source ?? snapshot.domain}`;
    for (const problem of bimi.problems) {
      report({
        messageId: MESSAGE[problem.code],
        data: {
          domain: snapshot.domain,
          name,
          record: bimi.record,
          tag: problem.tag ?? "",
          value: problem.value ?? "",
          reason: problem.reason,
        },
      });
    }
  },
});
