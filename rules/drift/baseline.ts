import { changesSinceBaseline } from "../../src/baseline/compare.js";
import type { DomainDeclaration } from "../../src/config/types.js";
import { defineRule } from "../../src/engine/define-rule.js";

/** Values in messages are JSON, shortened: a whole SPF subtree would drown the line. */
const MAX_VALUE_LENGTH = 160;

export default defineRule<DomainDeclaration>({
  meta: {
    id: "drift/baseline",
    type: "drift",
    severity: "error",
    docs: {
      description:
        "What DNS publishes for the domain is unchanged since the `--baseline` snapshot (mailaudit snapshot)",
      spec: "RFC 7208 §4.6.4 (third-party includes change the lookup count without notice); RFC 9989 §4.7",
    },
    messages: {
      changed: "{domain}: {name} changed from {expected} to {actual} since the baseline.",
      added: "{domain}: {name} appeared since the baseline: {actual}.",
      removed: "{domain}: {name} disappeared since the baseline (was {expected}).",
      notInBaseline: {
        text: "{domain} is not in the baseline {record}; run `mailaudit snapshot` to add it.",
        severity: "warning",
      },
    },
    remediation:
      "If the change is intended, refresh the baseline (`mailaudit snapshot -o mailaudit.lock.json`) and commit it with the change; otherwise restore the previous records, or ask the provider whose include changed.",
  },
  check({ snapshot, declared, report }) {
    const baseline = declared?.baseline;
    if (!baseline) return;
    // A run with DNS failures would show failed answers as removals: that is inconclusive, not drift.
    if (snapshot.lookupFailures.length > 0) return;
    if (baseline.snapshot === undefined) {
      report({ messageId: "notInBaseline", data: { domain: snapshot.domain, record: baseline.source } });
      return;
    }
    for (const change of changesSinceBaseline(baseline.snapshot, snapshot)) {
      const data = {
        domain: snapshot.domain,
        name: change.path,
        ...(change.before === undefined ? {} : { expected: shorten(change.before) }),
        ...(change.after === undefined ? {} : { actual: shorten(change.after) }),
      };
      report({ messageId: change.kind, data });
    }
  },
});

function shorten(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}
