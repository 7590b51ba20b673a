import type pg from "pg";
import type { ReportHeader, ReportRecord } from "../../reports/types.js";
import { REPORT_ROW_COLUMNS, reportRowValues } from "../report-row.js";

/**
 * The SQL that stores a report in PostgreSQL, a batch of records per statement. Each statement takes
 * a batch as one array per column (`unnest`), so a batch of 2,000 records with their auth rows is one
 * round trip and one plan. Record ids are drawn from `records_id_seq` inside the statement and
 * matched to auth rows by the record's ordinal in the batch, so nothing waits for ids.
 */

/** Records per statement: large enough that round trips do not count, small enough to bound memory. */
export const BATCH_RECORDS = 2000;

const RECORD_COLUMNS = [
  ["source_ip", "text"],
  ["count", "bigint"],
  ["disposition", "text"],
  ["dkim", "text"],
  ["spf", "text"],
  ["reasons", "text"],
  ["header_from", "text"],
  ["envelope_from", "text"],
  ["envelope_to", "text"],
] as const;
const AUTH_COLUMNS = [
  ["ord", "bigint"],
  ["method", "text"],
  ["domain", "text"],
  ["selector", "text"],
  ["scope", "text"],
  ["result", "text"],
] as const;
const REPORT_COLUMNS = [...REPORT_ROW_COLUMNS, "record_count", "message_count", "raw_xml", "content_sha256"];

const names = (columns: readonly (readonly [string, string])[]) => columns.map(([name]) => name).join(", ");
const arrays = (columns: readonly (readonly [string, string])[], first: number) =>
  columns.map(([, type], i) => `$${first + i}::${type}[]`).join(", ");

/** CTEs `record` and its two INSERTs, for the report whose id the CTE `report` yields. */
function rowsSql(first: number): string {
  const authFirst = first + RECORD_COLUMNS.length;
  return `record AS MATERIALIZED (
      SELECT nextval('records_id_seq') AS id, report.id AS report, r.*
        FROM report, unnest(${arrays(RECORD_COLUMNS, first)}) WITH ORDINALITY AS r (${names(RECORD_COLUMNS)}, ord)),
    stored_records AS (
      INSERT INTO records (id, report, ${names(RECORD_COLUMNS)})
      SELECT id, report, ${names(RECORD_COLUMNS)} FROM record),
    stored_auth AS (
      INSERT INTO auth_results (record, method, domain, selector, scope, result)
      SELECT record.id, a.method, a.domain, a.selector, a.scope, a.result
        FROM unnest(${arrays(AUTH_COLUMNS, authFirst)}) AS a (${names(AUTH_COLUMNS)}) JOIN record USING (ord))`;
}

/**
 * The report row and its first batch in one statement: ON CONFLICT DO NOTHING yields no row when
 * this identity is stored already (or is being stored by a transaction that then commits: the
 * statement waits for it), and then no record is written either.
 */
const INSERT_REPORT: pg.QueryConfig = {
  name: "mailaudit-insert-report",
  text: `WITH report AS (
      INSERT INTO reports (${REPORT_COLUMNS.join(", ")})
      VALUES (${REPORT_COLUMNS.map((_, i) => `$${i + 1}`).join(", ")})
      ON CONFLICT (org_name, report_id, policy_domain, begin_ts, end_ts) DO NOTHING
      RETURNING id),
    ${rowsSql(REPORT_COLUMNS.length + 1)}
    SELECT id FROM report`,
};

/** A further batch of an open report ($1 is its id). */
const INSERT_ROWS: pg.QueryConfig = {
  name: "mailaudit-insert-rows",
  text: `WITH report AS (SELECT $1::bigint AS id), ${rowsSql(2)} SELECT 1`,
};

const FINISH_REPORT: pg.QueryConfig = {
  name: "mailaudit-finish-report",
  text: "UPDATE reports SET record_count = $2, message_count = $3, raw_xml = $4, content_sha256 = $5 WHERE id = $1",
};

/** Column arrays of buffered records and their auth rows, in the order of RECORD_COLUMNS / AUTH_COLUMNS. */
export class RowBatch {
  readonly records: unknown[][] = RECORD_COLUMNS.map(() => []);
  readonly auths: unknown[][] = AUTH_COLUMNS.map(() => []);
  size = 0;

  add(record: ReportRecord): void {
    const ord = ++this.size;
    const [ip, count, disposition, dkim, spf, reasons, headerFrom, envelopeFrom, envelopeTo] = this
      .records as [
      unknown[],
      unknown[],
      unknown[],
      unknown[],
      unknown[],
      unknown[],
      unknown[],
      unknown[],
      unknown[],
    ];
    ip.push(record.sourceIp);
    count.push(record.count);
    disposition.push(record.disposition);
    dkim.push(record.dkim);
    spf.push(record.spf);
    reasons.push(JSON.stringify(record.reasons));
    headerFrom.push(record.headerFrom);
    envelopeFrom.push(record.envelopeFrom);
    envelopeTo.push(record.envelopeTo);
    for (const d of record.dkimResults) this.#auth(ord, "dkim", d.domain, d.selector, "", d.result);
    for (const s of record.spfResults) this.#auth(ord, "spf", s.domain, "", s.scope, s.result);
  }

  #auth(ord: number, method: string, domain: string, selector: string, scope: string, result: string): void {
    const [ords, methods, domains, selectors, scopes, results] = this.auths as [
      unknown[],
      unknown[],
      unknown[],
      unknown[],
      unknown[],
      unknown[],
    ];
    ords.push(ord);
    methods.push(method);
    domains.push(domain);
    selectors.push(selector);
    scopes.push(scope);
    results.push(result);
  }

  /** One array literal per column: built here, as node-postgres's generic array encoder cost ~10 % of a large ingest. */
  params(): string[] {
    const literal = (values: unknown[], [, type]: readonly [string, string]) =>
      type === "bigint" ? `{${values.join(",")}}` : textArray(values as string[]);
    return [
      ...this.records.map((values, i) => literal(values, RECORD_COLUMNS[i] as readonly [string, string])),
      ...this.auths.map((values, i) => literal(values, AUTH_COLUMNS[i] as readonly [string, string])),
    ];
  }
}

const ARRAY_SPECIAL = /["\\]/;
const ARRAY_SPECIALS = /["\\]/g;

/** `{"a","b\"c"}`: every element quoted, `"` and `\` escaped (most values have neither). */
function textArray(values: readonly string[]): string {
  let literal = "{";
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as string;
    literal += `${i === 0 ? "" : ","}"${ARRAY_SPECIAL.test(value) ? value.replace(ARRAY_SPECIALS, "\\$&") : value}"`;
  }
  return `${literal}}`;
}

export interface ReportRowValues {
  header: ReportHeader;
  source: string;
  recordCount: number;
  messageCount: number;
  rawXml: string | null;
  contentSha256: string | null;
}

export function insertReport(values: ReportRowValues, batch: RowBatch): pg.QueryConfig {
  const report = [
    ...reportRowValues(values.header, values.source),
    values.recordCount,
    values.messageCount,
    values.rawXml,
    values.contentSha256,
  ];
  return { ...INSERT_REPORT, values: [...report, ...batch.params()] };
}

export function insertRows(reportId: string, batch: RowBatch): pg.QueryConfig {
  return { ...INSERT_ROWS, values: [reportId, ...batch.params()] };
}

export function finishReport(
  reportId: string,
  recordCount: number,
  messageCount: number,
  rawXml: string | null,
  contentSha256: string | null,
): pg.QueryConfig {
  return { ...FINISH_REPORT, values: [reportId, recordCount, messageCount, rawXml, contentSha256] };
}
