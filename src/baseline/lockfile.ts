import { inconclusiveFetches } from "../audit/inconclusive.js";
import { describeUnchecked } from "../dns/unchecked-record.js";
import type { DomainSnapshot } from "../engine/types.js";
import { toJsonText } from "../format/json-text.js";
import { canonicalize } from "./canonical.js";

export const LOCK_SCHEMA_VERSION = 1;

/**
 * `mailaudit snapshot -o mailaudit.lock.json`: everything audited, as canonical JSON meant to be
 * committed and diffed. The only field that changes from run to run on its own is `createdAt`.
 */
export interface LockFile {
  schemaVersion: typeof LOCK_SCHEMA_VERSION;
  createdAt: string;
  /** Domain → its normalized snapshot. */
  domains: Record<string, unknown>;
}

/**
 * What a baseline keeps of a snapshot: the published facts. Lookup failures, the names assumed
 * absent offline, the records a `--zone` input held without their data, the DKIM selectors guessed
 * at (the keys found stay, in `dkim`) and the selectors reports saw (with message counts that grow
 * every day) are left out: they describe one run, not what is published (and a snapshot taken during
 * an outage, or with records not checked, is refused, see `snapshotProblems`). So are the answers'
 * TTLs and DNSSEC status: a cached answer's TTL counts down between runs, which is not drift.
 */
export function baselineView(snapshot: DomainSnapshot): unknown {
  const {
    domain: _domain,
    lookupFailures: _failures,
    assumedAbsent: _assumed,
    notChecked: _notChecked,
    answers: _answers,
    dkimProbe: _probe,
    reportedSelectors: _reported,
    ...published
  } = snapshot;
  return canonicalize(published);
}

export function buildLockFile(snapshots: readonly DomainSnapshot[], createdAt: string): LockFile {
  const domains: Record<string, unknown> = {};
  for (const snapshot of [...snapshots].sort((a, b) =>
    a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0,
  )) {
    domains[snapshot.domain] = baselineView(snapshot);
  }
  return { schemaVersion: LOCK_SCHEMA_VERSION, createdAt, domains };
}

/** Stable text: two-space JSON, keys in canonical order, one trailing newline (diff-friendly). */
export function serializeLockFile(lock: LockFile): string {
  return toJsonText({ schemaVersion: lock.schemaVersion, createdAt: lock.createdAt, domains: lock.domains });
}

/** Parses a lock file's text; returns the reason when it is not one. */
export function parseLockFile(text: string): LockFile | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `not JSON (${(error as Error).message})`;
  }
  if (typeof value !== "object" || value === null) return "not a mailaudit lock file (expected an object)";
  const doc = value as Partial<LockFile>;
  if (doc.schemaVersion !== LOCK_SCHEMA_VERSION) {
    return `unsupported schemaVersion ${JSON.stringify(doc.schemaVersion)} (this mailaudit reads ${LOCK_SCHEMA_VERSION})`;
  }
  if (typeof doc.domains !== "object" || doc.domains === null || Array.isArray(doc.domains)) {
    return "missing `domains` (an object of domain → snapshot)";
  }
  return { schemaVersion: LOCK_SCHEMA_VERSION, createdAt: String(doc.createdAt ?? ""), domains: doc.domains };
}

/**
 * Domains whose snapshot cannot serve as a baseline: DNS did not answer every question, an HTTPS
 * fetch got no verdict, or a `--zone` input held records without their data (a baseline would
 * record them as unknown, and every later run as drift).
 */
export function snapshotProblems(snapshots: readonly DomainSnapshot[]): string[] {
  const problems: string[] = [];
  for (const s of snapshots) {
    const [failure] = s.lookupFailures;
    const [fetch] = inconclusiveFetches(s);
    const [unchecked] = s.notChecked ?? [];
    if (failure) {
      problems.push(
        `${s.domain}: ${s.lookupFailures.length} DNS lookup(s) failed (first: ${failure.type} ${failure.name}, ${failure.reason})`,
      );
    } else if (fetch) {
      problems.push(`${s.domain}: fetching ${fetch.url} got no verdict (${fetch.detail ?? fetch.reason})`);
    } else if (unchecked) {
      problems.push(
        `${s.domain}: ${s.notChecked?.length} record(s) not checked (first: ${describeUnchecked(unchecked)})`,
      );
    }
  }
  return problems;
}
