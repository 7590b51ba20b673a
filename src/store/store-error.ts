/**
 * The store cannot be used as given. Exit 2, like any configuration mistake: a `--db` that is not a
 * mailaudit store (or is damaged) will not fix itself on retry, and it is never reset or overwritten
 * silently (docs/reports.md). main.ts prints the message on one line.
 */
export class StoreError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = "StoreError";
  }
}

/**
 * Another process held the store's write lock for the whole busy timeout. Unlike a wrong `--db`, this
 * fixes itself: exit 3 (inconclusive, PRODUCT.md), so a cron job retries instead of paging someone.
 */
export class StoreBusyError extends Error {
  readonly exitCode = 3;
  constructor(message: string) {
    super(message);
    this.name = "StoreBusyError";
  }
}
