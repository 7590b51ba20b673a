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
