import { isInconclusive } from "../../src/audit/inconclusive.js";
import { baselineView } from "../../src/baseline/lockfile.js";
import { recordChanges } from "../../src/baseline/record-changes.js";
import type { DomainDeclaration } from "../../src/config/types.js";
import { defineRule } from "../../src/engine/define-rule.js";

/** Record texts in messages are shortened: a 2048-bit key would drown the line. */
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
      changed: "{domain}: {name} changed since the baseline ({reason}): was {expected}, now {actual}.",
      added: "{domain}: {name} appeared since the baseline: {actual}.",
      removed: "{domain}: {name} disappeared since the baseline (was {expected}).",
      dependency:
        "{domain}: {name} is unchanged, but what it depends on changed since the baseline: {reason}.",
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
    // A run with DNS (or fetch) failures would show failed answers as removals: inconclusive, not drift.
    if (isInconclusive(snapshot)) return;
    if (baseline.snapshot === undefined) {
      report({ messageId: "notInBaseline", data: { domain: snapshot.domain, record: baseline.source } });
      return;
    }
    // A record a --zone input holds without its data (dns/not-checked) has no value to compare: it
    // is neither removed nor changed.
    const unchecked = (snapshot.notChecked ?? []).flatMap((r) =>
      r.name === undefined ? [] : [` at ${r.name}`],
    );
    const changes = recordChanges(baseline.snapshot, baselineView(snapshot), snapshot.domain).filter(
      (change) => !unchecked.some((at) => change.name.endsWith(at)),
    );
    // One finding per changed record, however many facts derive from it.
    for (const change of changes) {
      report({
        messageId: change.kind,
        data: {
          domain: snapshot.domain,
          name: change.name,
          ...(change.before === undefined ? {} : { expected: shorten(change.before) }),
          ...(change.after === undefined ? {} : { actual: shorten(change.after) }),
          ...(change.detail === undefined ? {} : { reason: change.detail }),
        },
      });
    }
  },
});

function shorten(text: string): string {
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}
