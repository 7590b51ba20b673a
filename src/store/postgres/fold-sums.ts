import {
  FOLD_FAILING_SOURCES,
  FOLD_REPORT_SUMS,
  FOLD_SOURCE_GROUPS,
  type FoldDialect,
  NEXT_UNFOLDED,
  UNFOLD_DOMAINS_OF,
  UNFOLDED_REPORTS,
} from "../summary-sums.js";
import type { PostgresStore } from "./postgres-store.js";

/**
 * pg_advisory_xact_lock key of folding and pruning the sums: "mailsums" in ASCII (0x6d61696c73756d73). Folds and prunes
 * take turns, so each report is folded once and a prune never races a fold of the domain it unfolds.
 * Ingest does not take it.
 */
const SUMS_LOCK = "7881696737389538675";

/** A btree entry holds at most ~2,700 bytes, so the key is the SHA-256 of the group's text. */
const POSTGRES: FoldDialect = {
  key: (text) => `sha256(convert_to(${text}, 'UTF8'))`,
  least: (a, b) => `least(${a}, ${b})`,
};

/**
 * One statement folds a batch: its CTEs share one snapshot, so the reports folded are exactly those
 * whose sums it writes, and a report committed meanwhile waits for the next batch or summary.
 * $1: the batch's record budget.
 */
const FOLD = `WITH fresh AS MATERIALIZED (${NEXT_UNFOLDED("$1")}),
  sums AS (${FOLD_REPORT_SUMS("fresh")} RETURNING report),
  failing AS (${FOLD_FAILING_SOURCES("fresh")}),
  groups AS (${FOLD_SOURCE_GROUPS("fresh", POSTGRES)})
  SELECT count(*) AS n FROM sums`;

/** Whether any report is not folded yet (summary-sums.ts): a read, no lock. */
export async function anyPostgresUnfolded(store: PostgresStore): Promise<boolean> {
  return (await store.query(`${UNFOLDED_REPORTS} LIMIT 1`)).rows.length > 0;
}

/** Folds the oldest unfolded reports holding about `records` records, in one transaction; returns how many. */
export async function foldPostgresBatch(store: PostgresStore, records: number): Promise<number> {
  return locked(store, async () => {
    const result = await store.query({ text: FOLD, values: [records] });
    return Number((result.rows[0] as { n: string }).n);
  });
}

/** Deletes the reports whose period ended before `before`, their rows, and the sums of their domains. */
export async function prunePostgres(store: PostgresStore, before: number): Promise<number> {
  return locked(store, async () => {
    for (const text of UNFOLD_DOMAINS_OF("end_ts < $1")) await store.query({ text, values: [before] });
    // Auth rows, records and the reports go together (the links are not declared foreign keys in
    // PostgreSQL: migrations.ts); the reports' own sums went with their domains' just above.
    const { rows } = await store.query({
      text: `WITH gone AS (DELETE FROM reports WHERE end_ts < $1 RETURNING id),
                  gone_records AS (DELETE FROM records WHERE report IN (SELECT id FROM gone) RETURNING id),
                  gone_auth AS (DELETE FROM auth_results WHERE record IN (SELECT id FROM gone_records))
             SELECT count(*) AS n FROM gone`,
      values: [before],
    });
    return Number((rows[0] as { n: string }).n);
  });
}

/** `work` in a transaction holding SUMS_LOCK; rolled back on any failure. */
async function locked<T>(store: PostgresStore, work: () => Promise<T>): Promise<T> {
  await store.query("BEGIN");
  try {
    await store.query(`SELECT pg_advisory_xact_lock(${SUMS_LOCK})`);
    const result = await work();
    await store.query("COMMIT");
    return result;
  } catch (error) {
    // On a lost connection there is nothing to roll back: the server already did.
    await store.query("ROLLBACK").catch(() => {});
    throw error;
  }
}
