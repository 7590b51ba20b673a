import { StoreReadOnlyError } from "./store-error.js";
import { SUMS_WITH_UNFOLDED } from "./summary-sums.js";

/**
 * A store's summary sums as its user may have them. Normally the reports stored since the last
 * summary are folded into the sum tables first (summary-sums.ts). When the store refuses that write
 * (a SELECT-only role, a file this user can only read), nothing is written: from then on every read
 * runs through SUMS_WITH_UNFOLDED, which adds the unfolded reports to the stored sums on the fly, so
 * the summary prints what the owner's would. Only a refused write does this: any other failure of
 * the fold ends the run as before.
 */
export class SummarySums {
  readonly #fold: (batchRecords?: number) => Promise<number>;
  readonly #storedTables: () => Promise<(table: string) => string>;
  /** The WITH clause every read starts with once the fold was refused. */
  #readThrough: string | undefined;

  /**
   * `fold` folds and returns how many reports; `storedTables` names a sum table so that a CTE of the
   * same name cannot hide it (asked only when the fold is refused).
   */
  constructor(
    fold: (batchRecords?: number) => Promise<number>,
    storedTables: () => Promise<(table: string) => string>,
  ) {
    this.#fold = fold;
    this.#storedTables = storedTables;
  }

  /** Folds what is new; 0 when this store cannot be written (reads then add it: `sql`). */
  async fold(batchRecords?: number): Promise<number> {
    if (this.#readThrough !== undefined) return 0;
    try {
      return await this.#fold(batchRecords);
    } catch (error) {
      if (!(error instanceof StoreReadOnlyError)) throw error;
      this.#readThrough = SUMS_WITH_UNFOLDED(await this.#storedTables());
      return 0;
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
