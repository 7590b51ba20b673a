import type { DatabaseSync, StatementSync } from "node:sqlite";
import type { ReportHeader, ReportRecord } from "../reports/types.js";
import { REPORT_ROW_COLUMNS, reportRowValues } from "./report-row.js";

/** Rows per multi-row INSERT; 10 columns × 50 rows stays far below SQLite's 32,766 parameters. */
const BATCH_ROWS = 50;
const RECORD_COLUMNS = 10;
const AUTH_COLUMNS = 6;
const RECORD_INSERT =
  "INSERT INTO records (id, report, source_ip, count, disposition, dkim, spf, reasons, header_from, envelope_from, envelope_to) VALUES ";
const AUTH_INSERT = "INSERT INTO auth_results (record, method, domain, selector, scope, result) VALUES ";
type Cell = string | number | bigint;

function placeholders(rows: number, columns: number): string {
  const row = `(${Array.from({ length: columns }, () => "?").join(", ")})`;
  return Array.from({ length: rows }, () => row).join(", ");
}

/**
 * Writes one report per transaction, record by record as the parser streams them: a crash or a
 * refusal mid-file rolls the whole report back, so the store never holds half a report. The
 * identity check runs inside the write lock (BEGIN IMMEDIATE), so two processes ingesting the same
 * report store it once.
 *
 * Rows are written in batches of multi-row INSERTs: one statement per row cost ~2 µs each, a third of
 * a 100 MB report's ingest. Because the batch must know each record's id before its auth rows are
 * written, record ids are assigned here from max(id) + 1, which is safe only inside the write lock.
 */
export class ReportWriter {
  readonly #db: DatabaseSync;
  readonly #exists: StatementSync;
  readonly #insertReport: StatementSync;
  readonly #maxRecordId: StatementSync;
  /** [one row, BATCH_ROWS rows] */
  readonly #insertRecords: [StatementSync, StatementSync];
  readonly #insertAuths: [StatementSync, StatementSync];
  readonly #finish: StatementSync;
  #reportRowId: number | bigint | undefined;
  #nextRecordId = 0;
  /** Cells of rows not yet written, RECORD_COLUMNS (AUTH_COLUMNS) per row. */
  #pendingRecords: Cell[] = [];
  #pendingAuths: Cell[] = [];

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#exists = db.prepare(
      "SELECT 1 FROM reports WHERE org_name = ? AND report_id = ? AND policy_domain = ? AND begin_ts = ? AND end_ts = ?",
    );
    this.#insertReport = db.prepare(
      `INSERT INTO reports (${REPORT_ROW_COLUMNS.join(", ")}) VALUES (${REPORT_ROW_COLUMNS.map(() => "?").join(", ")})`,
    );
    this.#maxRecordId = db.prepare("SELECT coalesce(max(id), 0) AS id FROM records");
    const insertRows = (head: string, columns: number): [StatementSync, StatementSync] => [
      db.prepare(head + placeholders(1, columns)),
      db.prepare(head + placeholders(BATCH_ROWS, columns)),
    ];
    this.#insertRecords = insertRows(RECORD_INSERT, RECORD_COLUMNS + 1);
    this.#insertAuths = insertRows(AUTH_INSERT, AUTH_COLUMNS);
    this.#finish = db.prepare(
      "UPDATE reports SET record_count = ?, message_count = ?, raw_xml = ?, content_sha256 = ? WHERE id = ?",
    );
  }

  /** Starts a report; "duplicate" (and no open transaction) when this identity is stored already. */
  begin(header: ReportHeader, source: string): "new" | "duplicate" {
    const { metadata: m, policy: p } = header;
    const identity = [m.orgName, m.reportId, p.domain, m.begin, m.end] as const;
    this.#db.exec("BEGIN IMMEDIATE");
    if (this.#exists.get(...identity)) {
      this.#db.exec("ROLLBACK");
      return "duplicate";
    }
    const info = this.#insertReport.run(...reportRowValues(header, source));
    this.#reportRowId = info.lastInsertRowid;
    this.#nextRecordId = Number((this.#maxRecordId.get() as { id: number }).id) + 1;
    return "new";
  }

  record(record: ReportRecord): void {
    const report = this.#requireOpen();
    const id = this.#nextRecordId++;
    this.#pendingRecords.push(
      id,
      report,
      record.sourceIp,
      record.count,
      record.disposition,
      record.dkim,
      record.spf,
      JSON.stringify(record.reasons),
      record.headerFrom,
      record.envelopeFrom,
      record.envelopeTo,
    );
    for (const dkim of record.dkimResults)
      this.#pendingAuths.push(id, "dkim", dkim.domain, dkim.selector, "", dkim.result);
    for (const spf of record.spfResults)
      this.#pendingAuths.push(id, "spf", spf.domain, "", spf.scope, spf.result);
    if (this.#pendingRecords.length >= BATCH_ROWS * (RECORD_COLUMNS + 1)) this.#flush();
  }

  commit(
    recordCount: number,
    messageCount: number,
    rawXml: string | undefined,
    contentSha256?: string,
  ): void {
    this.#flush();
    this.#finish.run(recordCount, messageCount, rawXml ?? null, contentSha256 ?? null, this.#requireOpen());
    this.#db.exec("COMMIT");
    this.#reportRowId = undefined;
  }

  /** Writes the pending rows: records first, since auth rows refer to them (foreign keys are on). */
  #flush(): void {
    writeRows(this.#insertRecords, this.#pendingRecords, RECORD_COLUMNS + 1);
    writeRows(this.#insertAuths, this.#pendingAuths, AUTH_COLUMNS);
    this.#pendingRecords = [];
    this.#pendingAuths = [];
  }

  /** Abandons the open report, if any. */
  rollback(): void {
    this.#pendingRecords = [];
    this.#pendingAuths = [];
    if (this.#reportRowId === undefined) return;
    this.#reportRowId = undefined;
    if (this.#db.isTransaction) this.#db.exec("ROLLBACK");
  }

  #requireOpen(): number | bigint {
    if (this.#reportRowId === undefined) throw new Error("ReportWriter: no report begun");
    return this.#reportRowId;
  }
}

/** Full batches through the multi-row statement, the rest row by row. */
function writeRows([one, batch]: [StatementSync, StatementSync], cells: Cell[], columns: number): void {
  const batchCells = BATCH_ROWS * columns;
  let at = 0;
  for (; at + batchCells <= cells.length; at += batchCells) batch.run(...cells.slice(at, at + batchCells));
  for (; at < cells.length; at += columns) one.run(...cells.slice(at, at + columns));
}
