/**
 * Shapes shared by the rules of the TXT records around SPF, DKIM and DMARC (`_mta-sts`, `_smtp._tls`,
 * `default._bimi`): "more than one record at the name" and "the record breaks its grammar", with
 * the same messageIds and data whatever the record.
 */
import { defineRule } from "../engine/define-rule.js";
import type { DomainSnapshot, Rule } from "../engine/types.js";
import type { RecordFieldProblem } from "../smtp-tls/record-fields.js";
import { errorRuleMeta, type RuleFacts } from "./rule-facts.js";

/** Where a record lives and every `v=…` record found there. */
export interface RecordSet {
  name: string;
  records: readonly string[];
}

/** `<group>/multiple-records`: receivers discard every record when there is more than one. */
export function defineMultipleRecordsRule(
  rule: RuleFacts & { label: string; select(snapshot: DomainSnapshot): RecordSet | null | undefined },
): Rule {
  return defineRule({
    meta: errorRuleMeta(rule, {
      multiple: `{name} publishes {count} ${rule.label} records; receivers ignore them all.`,
    }),
    check({ snapshot, report }) {
      const set = rule.select(snapshot);
      if (!set || set.records.length < 2) return;
      report({
        messageId: "multiple",
        data: {
          domain: snapshot.domain,
          name: set.name,
          count: set.records.length,
          record: set.records.join(" | "),
        },
      });
    },
  });
}

/** The messageId of each problem code of the shared MTA-STS / TLS-RPT record grammar. */
const FIELD_MESSAGE = {
  "bad-version": "badVersion",
  "malformed-field": "malformedField",
  "duplicate-field": "duplicateField",
  "invalid-value": "invalidValue",
  "missing-field": "missingField",
} as const satisfies Record<RecordFieldProblem["code"], string>;

/** `<group>/syntax` for the records of RFC 8461 §3.1 and RFC 8460 §3. */
export function defineRecordSyntaxRule(
  rule: RuleFacts & {
    label: string;
    version: string;
    select(
      snapshot: DomainSnapshot,
    ): { name: string; record: string | null; problems: readonly RecordFieldProblem[] } | null | undefined;
  },
): Rule {
  return defineRule({
    meta: errorRuleMeta(rule, {
      badVersion: `The ${rule.label} record at {name} must begin with exactly ${rule.version}: {value}.`,
      malformedField: `The ${rule.label} record at {name} has a malformed field ({reason}): {value}.`,
      duplicateField: `The ${rule.label} record at {name} gives {tag}= more than once.`,
      invalidValue: `The ${rule.label} record at {name} has an invalid {tag}={value}: {reason}.`,
      missingField: `The ${rule.label} record at {name} has no {tag}=, which is required; receivers ignore it.`,
    }),
    check({ snapshot, report }) {
      const facts = rule.select(snapshot);
      if (!facts || facts.record === null) return;
      for (const problem of facts.problems) {
        report({
          messageId: FIELD_MESSAGE[problem.code],
          data: {
            domain: snapshot.domain,
            name: facts.name,
            record: facts.record,
            tag: problem.field ?? "",
            value: problem.value ?? "",
            reason: problem.reason,
          },
        });
      }
    },
  });
}
