import { resolve } from "node:path";
import type { DatabaseSync } from "node:sqlite";
import type { ReportHeader } from "../reports/types.js";
import { anySqliteUnfolded, foldSqliteBatch, pruneSqlite } from "./fold-sums-sqlite.js";
import { type ImapCursor, readImapCursor, saveImapCursor } from "./imap-cursor.js";
import { openStore } from "./open-store.js";
import { SummarySums } from "./read-only-sums.js";
import { ReportWriter } from "./report-writer.js";
import type { ReportStore, ReportTransaction, Row, SqlValue } from "./store.js";

/**
 * The SQLite store (the default): one file, `node:sqlite`, synchronous underneath. Its identity check
 * runs under the write lock as the header arrives, so a duplicate is known at once and the rest of
 * its XML is never parsed.
 */
export class SqliteStore implements ReportStore {
  readonly location: string;
  readonly ownFiles: readonly string[];
  readonly #db: DatabaseSync;
  readonly #writer: ReportWriter;
  readonly #sums: SummarySums;

  constructor(location: string) {
    this.location = location;
    this.#db = openStore(location);
    this.#writer = new ReportWriter(this.#db);
    // `main.` reaches the table itself, never a CTE of the same name.
    this.#sums = new SummarySums({
      anyUnfolded: async () => anySqliteUnfolded(this.#db),
      foldBatch: async (records) => foldSqliteBatch(this.#db, location, records),
      storedTables: async () => (table) => `main.${table}`,
    });
    const path = resolve(location);
    this.ownFiles = ["", "-wal", "-shm", "-journal"].map((suffix) => path + suffix);
  }

  /** For tests and tools that read the file directly. */
  get database(): DatabaseSync {
    return this.#db;
  }

  startReport(header: ReportHeader, source: string): ReportTransaction | "duplicate" {
    const writer = this.#writer;
    if (writer.begin(header, source) === "duplicate") return "duplicate";
    return {
      add: (record) => writer.record(record),
      // Rows are written as batches fill (ReportWriter): nothing waits here.
      flush: async () => "new",
      commit: async (totals, rawXml) => {
        writer.commit(totals.records, totals.messages, rawXml, totals.contentSha256);
        return "stored";
      },
      rollback: async () => writer.rollback(),
    };
  }

  async select(sql: string, params: readonly SqlValue[]): Promise<Row[]> {
    const statement = this.#db.prepare(this.#sums.sql(sql));
    const names = statement.columns().map((column) => column.name);
    // node:sqlite's row objects keep their properties in a dictionary: reading them cost ~10× what
    // reading a plain object does, and the summary reads every group row several times (30,000
    // rows: ~70 ms per pass). Rows read as arrays and copied into objects that all share one shape
    // are read at full speed. A column named __proto__ would set the prototype: such a statement
    // keeps node:sqlite's own (null-prototype) rows.
    if (names.includes("__proto__")) return statement.all(...params) as Row[];
    statement.setReturnArrays(true);
    return rowsOfOneShape(names, statement.all(...params) as unknown as SqlValue[][]);
  }

  async readImapCursor(account: string, folder: string): Promise<ImapCursor | undefined> {
    return readImapCursor(this.#db, account, folder);
  }

  async saveImapCursor(account: string, folder: string, cursor: ImapCursor): Promise<void> {
    saveImapCursor(this.#db, account, folder, cursor);
  }

  async foldSummarySums(batchRecords?: number): Promise<number> {
    return this.#sums.fold(batchRecords);
  }

  async prune(before: number): Promise<number> {
    return pruneSqlite(this.#db, this.location, before);
  }

  async close(): Promise<void> {
    this.#db.close();
  }
}

/** Objects with the given property names, filled in the same order, so they share one hidden class. */
function rowsOfOneShape(names: readonly string[], arrays: readonly SqlValue[][]): Row[] {
  const rows = new Array<Row>(arrays.length);
  for (let i = 0; i < arrays.length; i++) {
    const values = arrays[i] as SqlValue[];
    const row: Row = {};
    for (let c = 0; c < names.length; c++) row[names[c] as string] = values[c] ?? null;
    rows[i] = row;
  }
  return rows;
}
