import type { ReportHeader, ReportRecord } from "../reports/types.js";
import type { ImapCursor } from "./imap-cursor.js";

/**
 * What ingest and summary need from a report store. Two implementations: SQLite (one file, the
 * default: `sqlite-store.ts`) and PostgreSQL (`--db postgres://…`, many machines: `postgres/`). Both
 * hold the same schema at the same version, identify a report the same way and answer the same
 * summary queries, so `reports summary` prints the same bytes from either.
 */
export interface ReportStore {
  /** The `--db` as given, for messages (a PostgreSQL URL never carries a password: it is refused). */
  readonly location: string;
  /** Absolute paths ingest must never read as inputs (the SQLite file and its -wal/-shm). */
  readonly ownFiles: readonly string[];
  /**
   * Starts storing one report in a transaction of its own. "duplicate" when the store can tell at
   * once that this identity is stored already (SQLite, under its write lock); otherwise the
   * transaction's `flush`/`commit` say so once the store has answered.
   */
  startReport(header: ReportHeader, source: string): ReportTransaction | "duplicate";
  /** Runs one read-only query (`?` placeholders, the SQL both stores understand) and returns its rows. */
  select(sql: string, params: readonly SqlValue[]): Promise<Row[]>;
  /** How far `folder` of `account` (`user@host:port`) was read, if this store has read it before (imap-cursor.ts). */
  readImapCursor(account: string, folder: string): Promise<ImapCursor | undefined>;
  /** Records that every message up to `cursor.lastUid` is done; never moves back within one UIDVALIDITY. */
  saveImapCursor(account: string, folder: string, cursor: ImapCursor): Promise<void>;
  /**
   * Adds the reports stored since the last call to the summary's sums (summary-sums.ts); returns how
   * many. Every summary calls it before reading them. `batchRecords`: records per transaction, about
   * (FOLD_BATCH_RECORDS when not given). When the store refuses the write (this user or role may only
   * read it), it folds nothing and returns 0, and `select` from then on reads the stored sums plus
   * those of the unfolded reports (read-only-sums.ts).
   */
  foldSummarySums(batchRecords?: number): Promise<number>;
  /** Deletes the reports whose period ended before `before` (seconds), with their records; returns how many. */
  prune(before: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * One report on its way into the store: all of it is stored, or none of it. Records are handed over
 * as the parser streams them; `flush` lets the store write what it has buffered (and the parser wait
 * for it, so memory stays bounded however large the report).
 */
export interface ReportTransaction {
  add(record: ReportRecord): void;
  /** Writes buffered rows; "duplicate" once the store says this identity is stored already (nothing of it is kept). */
  flush(): Promise<"new" | "duplicate">;
  /** Writes the rest and commits; "duplicate" as for `flush`. */
  commit(totals: ReportTotals, rawXml: string | undefined): Promise<"stored" | "duplicate">;
  /** Abandons the report; harmless after a commit, a duplicate or a lost connection. */
  rollback(): Promise<void>;
}

export interface ReportTotals {
  records: number;
  messages: number;
  /** SHA-256 (hex) of the report's XML as read: tells a same-identity report with other content from a copy. */
  contentSha256?: string;
}

export type SqlValue = string | number | null;
export type Row = Record<string, string | number | null>;
