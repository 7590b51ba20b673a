import { InputError, UsageError } from "../errors.js";

/**
 * The store cannot be used as given. Exit 2, like any configuration mistake: a `--db` that is not a
 * mailaudit store (or is damaged) will not fix itself on retry, and it is never reset or overwritten
 * silently (docs/reports.md).
 */
export class StoreError extends UsageError {}

/**
 * Another process held the store's write lock for the whole busy timeout. Unlike a wrong `--db`, this
 * fixes itself: exit 3 (inconclusive, docs/cli.md), so a cron job retries instead of paging someone.
 */
export class StoreBusyError extends InputError {}

/**
 * The store's server cannot be reached, or went away mid-run (PostgreSQL restarted, network lost).
 * The report in hand was rolled back by the server; those committed before it stay. Exit 3: a rerun
 * stores the rest.
 */
export class StoreUnavailableError extends InputError {
  /** The same failure, saying how much of the run was stored before it. */
  afterStoring(stored: number): StoreUnavailableError {
    return new StoreUnavailableError(
      `${this.message}; ${stored} report(s) stored before it, none half-written: run again to store the rest`,
    );
  }
}

/** A failure of the store itself, which ends an ingest run, unlike one input's refusal. */
export function isStoreFailure(error: unknown): boolean {
  return (
    error instanceof StoreError || error instanceof StoreBusyError || error instanceof StoreUnavailableError
  );
}

/**
 * The store refused a write because this user or role may only read it (a SELECT-only PostgreSQL
 * role, a read replica, a SQLite file this user cannot write). Exit 2 like any other StoreError; a
 * summary reads around it instead (read-only-sums.ts).
 */
export class StoreReadOnlyError extends StoreError {}
