import { StoreReadOnlyError } from "./store-error.js";
import { FOLD_BATCH_RECORDS, SUMS_WITH_UNFOLDED } from "./summary-sums.js";

/** What a store does for its summary sums; SummarySums decides when. */
export interface SumsFolding {
  /** Whether any report is not folded yet: a read, no lock. */
  anyUnfolded(): Promise<boolean>;
  /** Folds the oldest unfolded reports holding about `records` records, in one transaction; how many. */
  foldBatch(records: number): Promise<number>;
  /** Names a sum table so that a CTE of the same name cannot hide it (asked only when a fold is refused). */
  storedTables(): Promise<(table: string) => string>;
}

/**
 * A store's summary sums as its user may have them. Normally the reports stored since the last
 * summary are folded into the sum tables first (summary-sums.ts), batch by batch, each its own
 * transaction, so a store's first summary holds the write lock seconds at a time; when nothing is
 * new that is one read and no lock. When the store refuses that write
 * (a SELECT-only role, a file this user can only read), nothing is written: from then on every read
 * runs through SUMS_WITH_UNFOLDED, which adds the unfolded reports to the stored sums on the fly, so
 * the summary prints what the owner's would. Only a refused write does this: any other failure of
 * the fold ends the run as before.
 */
export class SummarySums {
  readonly #store: SumsFolding;
  /** The WITH clause every read starts with once the fold was refused. */
  #readThrough: string | undefined;

  constructor(store: SumsFolding) {
    this.#store = store;
  }

  /**
   * Folds what is new, batches of about `batchRecords` records, and returns how many reports; 0 when
   * this store cannot be written (reads then add them: `sql`).
   */
  async fold(batchRecords = FOLD_BATCH_RECORDS): Promise<number> {
    if (this.#readThrough !== undefined) return 0;
    try {
      return await this.#foldBatches(Math.max(1, batchRecords));
    } catch (error) {
      if (!(error instanceof StoreReadOnlyError)) throw error;
      this.#readThrough = SUMS_WITH_UNFOLDED(await this.#store.storedTables());
      return 0;
    }
  }

  async #foldBatches(records: number): Promise<number> {
    if (!(await this.#store.anyUnfolded())) return 0;
    let folded = 0;
    for (;;) {
      const batch = await this.#store.foldBatch(records);
      if (batch === 0) return folded;
      folded += batch;
    }
  }

  /** `sql` as it must run to see every report: unchanged, unless the fold was refused. */
  sql(sql: string): string {
    if (this.#readThrough === undefined) return sql;
    const leadingWith = /^\s*WITH\s+/i;
    return leadingWith.test(sql)
      ? `${this.#readThrough}, ${sql.replace(leadingWith, "")}`
      : `${this.#readThrough}${sql}`;
  }
}
