import type pg from "pg";
import type { ReportHeader, ReportRecord } from "../../reports/types.js";
import type { ImapCursor } from "../imap-cursor.js";
import { SummarySums } from "../read-only-sums.js";
import type { ReportStore, ReportTotals, ReportTransaction, Row, SqlValue } from "../store.js";
import { parsePostgresUrl } from "./connection-settings.js";
import { anyPostgresUnfolded, foldPostgresBatch, prunePostgres } from "./fold-sums.js";
import { migrate } from "./migrate.js";
import { connectPostgres } from "./postgres-client.js";
import { BATCH_RECORDS, finishReport, insertReport, insertRows, RowBatch } from "./report-rows.js";
import { storeFailure } from "./store-failure.js";

/**
 * The PostgreSQL store (`--db postgres://…`): one connection per process; many processes on many
 * machines may ingest into it at once. Each report is one transaction whose first statement is
 * `INSERT … ON CONFLICT DO NOTHING` on the report's identity, so a report is stored exactly once
 * however many processes read it, and a process that dies mid-report leaves nothing of it (the
 * server rolls the transaction back when the connection drops).
 */
export class PostgresStore implements ReportStore {
  readonly location: string;
  readonly ownFiles: readonly string[] = [];
  readonly #client: pg.Client;
  readonly #sums = new SummarySums({
    anyUnfolded: () => anyPostgresUnfolded(this),
    foldBatch: (records) => foldPostgresBatch(this, records),
    storedTables: () => this.#schemaOfSums(),
  });

  private constructor(location: string, client: pg.Client) {
    this.location = location;
    this.#client = client;
  }

  static async open(location: string): Promise<PostgresStore> {
    const settings = parsePostgresUrl(location);
    const client = await connectPostgres(settings);
    const store = new PostgresStore(settings.label, client);
    try {
      await migrate(client, settings.label);
    } catch (error) {
      await store.close();
      throw storeFailure(error, settings.label) ?? error;
    }
    return store;
  }

  /** Runs one statement; a failure of the store becomes StoreError/StoreUnavailableError, a data error stays. */
  async query(config: pg.QueryConfig | string): Promise<pg.QueryResult> {
    try {
      return await this.#client.query(config);
    } catch (error) {
      throw storeFailure(error, this.location) ?? error;
    }
  }

  startReport(header: ReportHeader, source: string): ReportTransaction {
    return new PostgresReportTransaction(this, header, source);
  }

  async select(sql: string, params: readonly SqlValue[]): Promise<Row[]> {
    let n = 0;
    // The shared summary SQL uses `?`; none appears inside its string literals.
    const text = this.#sums.sql(sql).replace(/\?/g, () => `$${++n}`);
    return (await this.query({ text, values: [...params] })).rows as Row[];
  }

  async readImapCursor(account: string, folder: string): Promise<ImapCursor | undefined> {
    const { rows } = await this.query({
      text: "SELECT uid_validity, last_uid FROM imap_cursors WHERE account = $1 AND folder = $2",
      values: [account, folder],
    });
    const row = rows[0] as { uid_validity: string; last_uid: string } | undefined;
    return row ? { uidValidity: Number(row.uid_validity), lastUid: Number(row.last_uid) } : undefined;
  }

  async saveImapCursor(account: string, folder: string, cursor: ImapCursor): Promise<void> {
    // As imap-cursor.ts does for SQLite: never backwards within one UIDVALIDITY.
    await this.query({
      text: `INSERT INTO imap_cursors (account, folder, uid_validity, last_uid, updated_at) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (account, folder) DO UPDATE SET
               last_uid = CASE WHEN imap_cursors.uid_validity = excluded.uid_validity
                               THEN greatest(imap_cursors.last_uid, excluded.last_uid) ELSE excluded.last_uid END,
               uid_validity = excluded.uid_validity,
               updated_at = excluded.updated_at`,
      values: [account, folder, cursor.uidValidity, cursor.lastUid, Date.now()],
    });
  }

  async foldSummarySums(batchRecords?: number): Promise<number> {
    return this.#sums.fold(batchRecords);
  }

  /** Names a sum table by its schema (the one search_path finds it in), which no CTE can hide. */
  async #schemaOfSums(): Promise<(table: string) => string> {
    const { rows } = await this.query(
      "SELECT n.nspname AS schema FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass('report_sums')",
    );
    const schema = this.#client.escapeIdentifier(String((rows[0] as { schema: string }).schema));
    return (table) => `${schema}.${table}`;
  }

  async prune(before: number): Promise<number> {
    return prunePostgres(this, before);
  }

  async close(): Promise<void> {
    await this.#client.end().catch(() => {});
  }
}

/**
 * One report. A report of fewer than BATCH_RECORDS records (nearly all of them) is written at commit
 * as a single statement, which is its own transaction: one round trip. A larger one opens a
 * transaction at its first full batch, and further batches are sent while the parser reads on, one
 * batch in flight at a time, so the server's work overlaps the parsing and memory stays bounded.
 */
class PostgresReportTransaction implements ReportTransaction {
  readonly #store: PostgresStore;
  readonly #header: ReportHeader;
  readonly #source: string;
  #batch = new RowBatch();
  /** Set once the report row is written inside an open transaction. */
  #reportId: string | undefined;
  #inFlight: Promise<unknown> | undefined;
  /** BEGIN was sent and no COMMIT or ROLLBACK yet. */
  #inTransaction = false;
  #duplicate = false;

  constructor(store: PostgresStore, header: ReportHeader, source: string) {
    this.#store = store;
    this.#header = header;
    this.#source = source;
  }

  add(record: ReportRecord): void {
    this.#batch.add(record);
  }

  async flush(): Promise<"new" | "duplicate"> {
    if (this.#duplicate) return "duplicate";
    if (this.#batch.size < BATCH_RECORDS) return "new";
    if (this.#reportId === undefined) return this.#open();
    const previous = this.#inFlight;
    this.#inFlight = this.#send(insertRows(this.#reportId, this.#take()));
    await previous;
    return "new";
  }

  async commit(totals: ReportTotals, rawXml: string | undefined): Promise<"stored" | "duplicate"> {
    if (this.#duplicate) return "duplicate";
    if (this.#reportId === undefined) {
      const { rows } = await this.#store.query(this.#reportStatement(totals, rawXml ?? null));
      return rows.length > 0 ? "stored" : "duplicate";
    }
    const reportId = this.#reportId;
    await this.#inFlight;
    if (this.#batch.size > 0) await this.#store.query(insertRows(reportId, this.#take()));
    await this.#store.query(
      finishReport(reportId, totals.records, totals.messages, rawXml ?? null, totals.contentSha256 ?? null),
    );
    await this.#store.query("COMMIT");
    this.#inTransaction = false;
    return "stored";
  }

  async rollback(): Promise<void> {
    this.#batch = new RowBatch();
    if (!this.#inTransaction) return;
    this.#inTransaction = false;
    await this.#inFlight?.catch(() => {});
    // On a lost connection there is nothing to roll back: the server already did.
    await this.#store.query("ROLLBACK").catch(() => {});
  }

  /** BEGIN and the report row with the first batch; "duplicate" when the identity is stored already. */
  async #open(): Promise<"new" | "duplicate"> {
    await this.#store.query("BEGIN");
    this.#inTransaction = true;
    const { rows } = await this.#store.query(this.#reportStatement({ records: 0, messages: 0 }, null));
    const id = (rows[0] as { id: string } | undefined)?.id;
    if (id === undefined) {
      await this.#store.query("ROLLBACK");
      this.#inTransaction = false;
      this.#duplicate = true;
      return "duplicate";
    }
    this.#reportId = id;
    return "new";
  }

  #reportStatement(totals: ReportTotals, rawXml: string | null): pg.QueryConfig {
    return insertReport(
      {
        header: this.#header,
        source: this.#source,
        recordCount: totals.records,
        messageCount: totals.messages,
        rawXml,
        contentSha256: totals.contentSha256 ?? null,
      },
      this.#take(),
    );
  }

  #take(): RowBatch {
    const batch = this.#batch;
    this.#batch = new RowBatch();
    return batch;
  }

  /** A batch sent without waiting; its failure is kept for the next await (never unhandled). */
  #send(config: pg.QueryConfig): Promise<unknown> {
    const sent = this.#store.query(config);
    sent.catch(() => {});
    return sent;
  }
}
