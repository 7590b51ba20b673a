import type { DatabaseSync } from "node:sqlite";
import { storeBusyTimeoutMs } from "./busy-timeout.js";
import { busyStoreError, isBusy, isReadOnly } from "./open-store.js";
import { StoreReadOnlyError } from "./store-error.js";
import {
  FOLD_FAILING_SOURCES,
  FOLD_REPORT_SUMS,
  FOLD_SOURCE_GROUPS,
  type FoldDialect,
  NEXT_UNFOLDED,
  UNFOLD_DOMAINS_OF,
  UNFOLDED_REPORTS,
} from "./summary-sums.js";

/** SQLite keeps a group's whole key text (no size limit on an index entry); `min(a, b)` is its scalar minimum. */
const SQLITE: FoldDialect = { key: (text) => text, least: (a, b) => `min(${a}, ${b})` };

/** Whether any report is not folded yet (summary-sums.ts): a read, no lock. */
export function anySqliteUnfolded(db: DatabaseSync): boolean {
  return db.prepare(`${UNFOLDED_REPORTS} LIMIT 1`).get() !== undefined;
}

/**
 * Folds the oldest unfolded reports holding about `records` records into the sums, in one
 * transaction under the write lock, so that two summaries fold each report once; returns how many.
 */
export function foldSqliteBatch(db: DatabaseSync, location: string, records: number): number {
  return writing(db, location, () => {
    db.exec(
      "CREATE TEMP TABLE IF NOT EXISTS fold_reports (id INTEGER PRIMARY KEY); DELETE FROM fold_reports",
    );
    const reports = Number(db.prepare(`INSERT INTO fold_reports ${NEXT_UNFOLDED("?")}`).run(records).changes);
    if (reports > 0) {
      for (const statement of [FOLD_REPORT_SUMS, FOLD_FAILING_SOURCES])
        db.exec(statement("temp.fold_reports"));
      db.exec(FOLD_SOURCE_GROUPS("temp.fold_reports", SQLITE));
    }
    db.exec("DELETE FROM fold_reports");
    return reports;
  });
}

/** Deletes the reports whose period ended before `before`, and the sums of their domains (refolded next summary). */
export function pruneSqlite(db: DatabaseSync, location: string, before: number): number {
  return writing(db, location, () => {
    for (const statement of UNFOLD_DOMAINS_OF("end_ts < ?1")) db.prepare(statement).run(before);
    // Records, auth rows and the reports' own sums go with them (ON DELETE CASCADE, foreign_keys is on).
    return Number(db.prepare("DELETE FROM reports WHERE end_ts < ?1").run(before).changes);
  });
}

/**
 * `work` in one write transaction; a lock held past the busy timeout is exit 3, retry later, and a
 * file this user may only read is a StoreReadOnlyError (exit 2; a summary reads around it).
 */
function writing<T>(db: DatabaseSync, location: string, work: () => T): T {
  try {
    db.exec("BEGIN IMMEDIATE");
  } catch (error) {
    throw isBusy(error) ? busyStoreError(location, storeBusyTimeoutMs(), error) : refusal(location, error);
  }
  try {
    const result = work();
    db.exec("COMMIT");
    return result;
  } catch (error) {
    if (db.isTransaction) db.exec("ROLLBACK");
    throw refusal(location, error);
  }
}

function refusal(location: string, error: unknown): unknown {
  if (!isReadOnly(error)) return error;
  return new StoreReadOnlyError(`--db ${location}: this user cannot write it (${(error as Error).message})`);
}
