import type pg from "pg";
import type { ReportHeader, ReportRecord } from "../../reports/types.js";
import { recordShape, reportShapePrefix, shapeRow } from "../record-shape.js";
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
  ["shape", "bigint"],
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

/** Adds a report's sums per (shape, source IP) to source_groups (migration 5), in key order. */
const ADD_GROUP_SUMS = `INSERT INTO source_groups (shape, source_ip, messages, records, first_record, first_begin)`;
const ON_GROUP_CONFLICT = `ON CONFLICT (shape, source_ip) DO UPDATE SET
        messages = source_groups.messages + excluded.messages, records = source_groups.records + excluded.records,
        first_record = least(source_groups.first_record, excluded.first_record),
        first_begin = least(source_groups.first_begin, excluded.first_begin)`;

/** CTEs `record` and its INSERTs, for the report whose id the CTE `report` yields ($`begin` its start, to sum the groups). */
function rowsSql(first: number, begin?: number): string {
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
        FROM unnest(${arrays(AUTH_COLUMNS, authFirst)}) AS a (${names(AUTH_COLUMNS)}) JOIN record USING (ord))${
          begin === undefined
            ? ""
            : `,
    stored_groups AS (
      ${ADD_GROUP_SUMS}
      SELECT shape, source_ip, sum(count), count(*), min(id), $${begin}::bigint FROM record
       GROUP BY shape, source_ip ORDER BY shape, source_ip
      ${ON_GROUP_CONFLICT})`
        }`;
}

/**
 * The report row and its first batch in one statement: ON CONFLICT DO NOTHING yields no row when
 * this identity is stored already (or is being stored by a transaction that then commits: the
 * statement waits for it), and then no record is written either.
 */
const insertReportSql = (whole: boolean) => `WITH report AS (
      INSERT INTO reports (${REPORT_COLUMNS.join(", ")})
      VALUES (${REPORT_COLUMNS.map((_, i) => `$${i + 1}`).join(", ")})
      ON CONFLICT (org_name, report_id, policy_domain, begin_ts, end_ts) DO NOTHING
      RETURNING id),
    ${rowsSql(REPORT_COLUMNS.length + 1, whole ? REPORT_COLUMNS.indexOf("begin_ts") + 1 : undefined)}
    SELECT id FROM report`;
/** The first batch of a report sent in several: its groups are summed at commit (ADD_REPORT_GROUPS). */
const INSERT_REPORT: pg.QueryConfig = { name: "mailaudit-insert-report", text: insertReportSql(false) };
/** A whole report in one statement, its groups summed in it. */
const INSERT_WHOLE_REPORT: pg.QueryConfig = {
  name: "mailaudit-insert-whole-report",
  text: insertReportSql(true),
};

/** The groups of a report sent in several batches ($1), summed from its stored records at commit. */
const ADD_REPORT_GROUPS: pg.QueryConfig = {
  name: "mailaudit-add-report-groups",
  text: `${ADD_GROUP_SUMS}
    SELECT r.shape, r.source_ip, sum(r.count), count(*), min(r.id), min(p.begin_ts)
      FROM records r JOIN reports p ON p.id = r.report WHERE r.report = $1
     GROUP BY r.shape, r.source_ip ORDER BY r.shape, r.source_ip
    ${ON_GROUP_CONFLICT}`,
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

/**
 * Column arrays of buffered records and their auth rows, in the order of RECORD_COLUMNS /
 * AUTH_COLUMNS. Each record's shape (record-shape.ts) is kept as its key until the store has given
 * the keys ids (`shapeIds`), before the batch is sent.
 */
export class RowBatch {
  readonly records: unknown[][] = RECORD_COLUMNS.map(() => []);
  readonly auths: unknown[][] = AUTH_COLUMNS.map(() => []);
  /** Key → fields of the shapes of this batch's records. */
  readonly shapes = new Map<string, (string | null)[]>();
  readonly #header: ReportHeader;
  readonly #prefix: string;
  size = 0;

  constructor(header: ReportHeader) {
    this.#header = header;
    this.#prefix = reportShapePrefix(header);
  }

  /** Puts the shapes' ids in place of their keys; `ids` holds every key of `shapes`. */
  shapeIds(ids: ReadonlyMap<string, string>): void {
    const column = this.records[RECORD_COLUMNS.length - 1] as unknown[];
    for (let i = 0; i < column.length; i++) column[i] = ids.get(column[i] as string);
  }

  add(record: ReportRecord): void {
    const ord = ++this.size;
    const [ip, count, disposition, dkim, spf, reasons, headerFrom, envelopeFrom, envelopeTo, shapes] = this
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
      unknown[],
    ];
    const storedReasons = JSON.stringify(record.reasons);
    const shape = recordShape(this.#prefix, record, storedReasons);
    if (!this.shapes.has(shape.key))
      this.shapes.set(shape.key, shapeRow(this.#header, record, storedReasons, shape.auth));
    shapes.push(shape.key);
    ip.push(record.sourceIp);
    count.push(record.count);
    disposition.push(record.disposition);
    dkim.push(record.dkim);
    spf.push(record.spf);
    reasons.push(storedReasons);
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

/** `whole`: the report's only statement (its groups are summed in it); else the first of several. */
export function insertReport(values: ReportRowValues, batch: RowBatch, whole: boolean): pg.QueryConfig {
  const report = [
    ...reportRowValues(values.header, values.source),
    values.recordCount,
    values.messageCount,
    values.rawXml,
    values.contentSha256,
  ];
  return { ...(whole ? INSERT_WHOLE_REPORT : INSERT_REPORT), values: [...report, ...batch.params()] };
}

export function addReportGroups(reportId: string): pg.QueryConfig {
  return { ...ADD_REPORT_GROUPS, values: [reportId] };
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
