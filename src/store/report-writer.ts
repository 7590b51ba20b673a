import type { DatabaseSync, StatementSync } from "node:sqlite";
import type { ReportHeader, ReportRecord } from "../reports/types.js";

/**
 * Writes one report per transaction, record by record as the parser streams them: a crash or a
 * refusal mid-file rolls the whole report back, so the store never holds half a report. The
 * identity check runs inside the write lock (BEGIN IMMEDIATE), so two processes ingesting the same
 * report store it once.
 */
export class ReportWriter {
  readonly #db: DatabaseSync;
  readonly #exists: StatementSync;
  readonly #insertReport: StatementSync;
  readonly #insertRecord: StatementSync;
  readonly #insertAuth: StatementSync;
  readonly #finish: StatementSync;
  #reportRowId: number | bigint | undefined;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#exists = db.prepare(
      "SELECT 1 FROM reports WHERE org_name = ? AND report_id = ? AND policy_domain = ? AND begin_ts = ? AND end_ts = ?",
    );
    this.#insertReport = db.prepare(
      `INSERT INTO reports (org_name, report_id, policy_domain, begin_ts, end_ts, email, schema, version, policy_p, policy_sp,
         policy_np, adkim, aspf, pct, fo, testing, discovery_method, errors, source, ingested_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#insertRecord = db.prepare(
      `INSERT INTO records (report, source_ip, count, disposition, dkim, spf, reasons, header_from, envelope_from, envelope_to)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#insertAuth = db.prepare(
      "INSERT INTO auth_results (record, method, domain, selector, scope, result) VALUES (?, ?, ?, ?, ?, ?)",
    );
    this.#finish = db.prepare(
      "UPDATE reports SET record_count = ?, message_count = ?, raw_xml = ? WHERE id = ?",
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
    const info = this.#insertReport.run(
      ...identity,
      m.email,
      header.schema,
      header.version,
      p.p ?? null,
      p.sp ?? null,
      p.np ?? null,
      p.adkim ?? null,
      p.aspf ?? null,
      p.pct ?? null,
      p.fo ?? null,
      p.testing ?? null,
      p.discoveryMethod ?? null,
      JSON.stringify(m.errors),
      source,
      Date.now(),
    );
    this.#reportRowId = info.lastInsertRowid;
    return "new";
  }

  record(record: ReportRecord): void {
    const row = this.#insertRecord.run(
      this.#requireOpen(),
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
      this.#insertAuth.run(row.lastInsertRowid, "dkim", dkim.domain, dkim.selector, "", dkim.result);
    for (const spf of record.spfResults)
      this.#insertAuth.run(row.lastInsertRowid, "spf", spf.domain, "", spf.scope, spf.result);
  }

  commit(recordCount: number, messageCount: number, rawXml: string | undefined): void {
    this.#finish.run(recordCount, messageCount, rawXml ?? null, this.#requireOpen());
    this.#db.exec("COMMIT");
    this.#reportRowId = undefined;
  }

  /** Abandons the open report, if any. */
  rollback(): void {
    if (this.#reportRowId === undefined) return;
    this.#reportRowId = undefined;
    if (this.#db.isTransaction) this.#db.exec("ROLLBACK");
  }

  #requireOpen(): number | bigint {
    if (this.#reportRowId === undefined) throw new Error("ReportWriter: no report begun");
    return this.#reportRowId;
  }
}
