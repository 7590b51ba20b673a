import type { ReportStore, Row, SqlValue } from "./store.js";

/**
 * Aggregations over the stored reports, in SQL so a large store is summed by the database rather than
 * loaded. The SQL is the dialect SQLite and PostgreSQL share (text columns compare bytewise in both:
 * PostgreSQL's are `COLLATE "C"`), so both stores give the same rows in the same order. `since` keeps reports whose period ends at or after it; `domain` keeps one policy domain.
 * A DMARC pass is aligned DKIM or aligned SPF as the receiver evaluated it (policy_evaluated).
 */
export interface SummaryFilter {
  domain?: string;
  since?: number;
}

const PASS = "(r.dkim = 'pass' OR r.spf = 'pass')";

function where(filter: SummaryFilter): { sql: string; params: SqlValue[] } {
  const clauses: string[] = [];
  const params: SqlValue[] = [];
  if (filter.domain !== undefined) {
    clauses.push("p.policy_domain = ?");
    params.push(filter.domain);
  }
  if (filter.since !== undefined) {
    clauses.push("p.end_ts >= ?");
    params.push(filter.since);
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(" AND ")}` : "", params };
}

type Reader = Pick<ReportStore, "select">;

function all(db: Reader, sql: string, params: SqlValue[]): Promise<Row[]> {
  return db.select(sql, params);
}

export async function domainTotals(db: Reader, filter: SummaryFilter): Promise<Row[]> {
  const w = where(filter);
  return all(
    db,
    `SELECT p.policy_domain AS domain, count(DISTINCT p.id) AS reports, min(p.begin_ts) AS begin, max(p.end_ts) AS end,
            coalesce(sum(r.count), 0) AS messages,
            coalesce(sum(CASE WHEN ${PASS} THEN r.count ELSE 0 END), 0) AS pass,
            coalesce(sum(CASE WHEN r.dkim = 'pass' THEN r.count ELSE 0 END), 0) AS dkim_aligned_pass,
            coalesce(sum(CASE WHEN r.spf = 'pass' THEN r.count ELSE 0 END), 0) AS spf_aligned_pass,
            coalesce(sum(CASE WHEN EXISTS (SELECT 1 FROM auth_results a WHERE a.record = r.id AND a.method = 'dkim' AND a.result = 'pass')
                          THEN r.count ELSE 0 END), 0) AS dkim_raw_pass,
            coalesce(sum(CASE WHEN EXISTS (SELECT 1 FROM auth_results a WHERE a.record = r.id AND a.method = 'spf' AND a.result = 'pass')
                          THEN r.count ELSE 0 END), 0) AS spf_raw_pass
       FROM reports p LEFT JOIN records r ON r.report = p.id ${w.sql}
      GROUP BY p.policy_domain ORDER BY p.policy_domain`,
    w.params,
  );
}

/**
 * The published policy of each domain's latest report (for readiness). Of reports ending at the same
 * moment, the one stored first speaks (what SQLite's bare column beside GROUP BY used to pick),
 * spelled out so that PostgreSQL picks the same one.
 */
export async function latestPolicies(db: Reader, filter: SummaryFilter): Promise<Row[]> {
  const w = where(filter);
  return all(
    db,
    `SELECT p.policy_domain AS domain, p.policy_p AS policy FROM reports p ${w.sql}
      ${w.sql ? "AND" : "WHERE"} p.id = (SELECT q.id FROM reports q WHERE q.policy_domain = p.policy_domain
                                          ORDER BY q.end_ts DESC, q.id LIMIT 1)`,
    w.params,
  );
}

export async function dispositions(db: Reader, filter: SummaryFilter): Promise<Row[]> {
  const w = where(filter);
  return all(
    db,
    `SELECT p.policy_domain AS domain, r.disposition AS disposition, sum(r.count) AS messages
       FROM reports p JOIN records r ON r.report = p.id ${w.sql}
      GROUP BY p.policy_domain, r.disposition ORDER BY p.policy_domain, r.disposition`,
    w.params,
  );
}

/** Per source IP, with when it was first seen for that domain in the whole store (not only since). */
export async function sources(db: Reader, filter: SummaryFilter): Promise<Row[]> {
  const w = where(filter);
  const rows = await all(
    db,
    `SELECT p.policy_domain AS domain, r.source_ip AS ip, sum(r.count) AS messages,
            sum(CASE WHEN ${PASS} THEN r.count ELSE 0 END) AS pass
       FROM reports p JOIN records r ON r.report = p.id ${w.sql}
      GROUP BY p.policy_domain, r.source_ip
      ORDER BY p.policy_domain, (sum(r.count) - sum(CASE WHEN ${PASS} THEN r.count ELSE 0 END)) DESC, sum(r.count) DESC, r.source_ip`,
    w.params,
  );
  // First sightings are grouped once and merged here: a correlated subquery (or a join SQLite
  // cannot index) per source made the summary quadratic in distinct sources (20,000 IPs: 30 s).
  const firstSeen = new Map<string, number | string | null>();
  const domainOnly = filter.domain === undefined ? { sql: "", params: [] } : where({ domain: filter.domain });
  for (const row of await all(
    db,
    `SELECT p.policy_domain AS domain, r.source_ip AS ip, min(p.begin_ts) AS first_seen
       FROM reports p JOIN records r ON r.report = p.id ${domainOnly.sql}
      GROUP BY p.policy_domain, r.source_ip`,
    domainOnly.params,
  )) {
    firstSeen.set(`${row.domain} ${row.ip}`, row.first_seen ?? null);
  }
  return rows.map((row) => ({ ...row, first_seen: firstSeen.get(`${row.domain} ${row.ip}`) ?? null }));
}

export async function reporters(db: Reader, filter: SummaryFilter): Promise<Row[]> {
  const w = where(filter);
  return all(
    db,
    `SELECT p.policy_domain AS domain, p.org_name AS org, count(DISTINCT p.id) AS reports, coalesce(sum(r.count), 0) AS messages,
            coalesce(sum(CASE WHEN ${PASS} THEN r.count ELSE 0 END), 0) AS pass
       FROM reports p LEFT JOIN records r ON r.report = p.id ${w.sql}
      GROUP BY p.policy_domain, p.org_name ORDER BY p.policy_domain, messages DESC, p.org_name`,
    w.params,
  );
}

export async function dkimSelectors(db: Reader, filter: SummaryFilter): Promise<Row[]> {
  const w = where(filter);
  return all(
    db,
    `SELECT p.policy_domain AS domain, a.domain AS signing_domain, a.selector AS selector, sum(r.count) AS messages,
            sum(CASE WHEN a.result = 'pass' THEN r.count ELSE 0 END) AS pass
       FROM reports p JOIN records r ON r.report = p.id JOIN auth_results a ON a.record = r.id AND a.method = 'dkim' ${w.sql}
      ${w.sql ? "AND" : "WHERE"} a.selector <> ''
      GROUP BY p.policy_domain, a.domain, a.selector ORDER BY p.policy_domain, messages DESC, a.domain, a.selector`,
    w.params,
  );
}

/**
 * Messages and DMARC passes per domain and UTC day. A report counts on the day of its period's
 * midpoint: most reporters send one report per UTC day, but some cover a local day (07:00 to 07:00
 * UTC) or several days, and the midpoint puts each of those on one day without splitting its counts.
 * `day` is whole days since the epoch (integer division in both stores; timestamps are positive).
 */
export async function dailyTotals(db: Reader, filter: SummaryFilter): Promise<Row[]> {
  const w = where(filter);
  return all(
    db,
    `SELECT p.policy_domain AS domain, (p.begin_ts + p.end_ts) / 2 / 86400 AS day, sum(r.count) AS messages,
            sum(CASE WHEN ${PASS} THEN r.count ELSE 0 END) AS pass
       FROM reports p JOIN records r ON r.report = p.id ${w.sql}
      GROUP BY p.policy_domain, (p.begin_ts + p.end_ts) / 2 / 86400 ORDER BY p.policy_domain, day`,
    w.params,
  );
}

/**
 * Messages that failed DMARC, per domain, day (as in dailyTotals) and source: the page stacks each
 * day's failing mail by the class of its source (daily-volumes.ts). Failing records are the small
 * share of a store, so this stays far below a row per source and day.
 */
export async function dailyFailingBySource(db: Reader, filter: SummaryFilter): Promise<Row[]> {
  const w = where(filter);
  return all(
    db,
    `SELECT p.policy_domain AS domain, (p.begin_ts + p.end_ts) / 2 / 86400 AS day, r.source_ip AS ip,
            sum(r.count) AS messages
       FROM reports p JOIN records r ON r.report = p.id ${w.sql} ${w.sql ? "AND" : "WHERE"} NOT ${PASS}
      GROUP BY p.policy_domain, (p.begin_ts + p.end_ts) / 2 / 86400, r.source_ip
      ORDER BY p.policy_domain, day, r.source_ip`,
    w.params,
  );
}

/** The end of each domain's latest report period (seconds), over the whole store (`--fail-if-silent`). */
export async function latestReportEnds(db: Reader): Promise<Row[]> {
  return all(
    db,
    "SELECT policy_domain AS domain, max(end_ts) AS latest FROM reports GROUP BY policy_domain ORDER BY policy_domain",
    [],
  );
}

/**
 * The records of each (policy domain, source IP) folded into groups that say the same thing (reporter,
 * published modes, verdict, identifiers and auth results), with their messages and records summed:
 * only the groups leave the database, never a row per record (900,000 records made ~3 GB of rows).
 * A record's auth results are several rows; they are first joined into one text per record
 * (`AUTH_FIELDS` fields per result, each escaped, see `escaped`) so that records with the same
 * results fall into one group. That text keeps the order the rows were visited in, so two records
 * holding the same results in another order may make two groups here: the caller puts each group's
 * results in canonical order and merges such groups (src/sources/record-groups.ts). `first` is the
 * group's first record id: the groups come in the order their first record was stored.
 */
export async function sourceRecordGroups(db: Reader, filter: SummaryFilter): Promise<Row[]> {
  const w = where(filter);
  const auth = AUTH_COLUMNS.map((c) => escaped(`a.${c}`)).join(` || '${AUTH_SEPARATOR}' || `);
  return all(
    db,
    `SELECT p.policy_domain AS domain, r.source_ip AS ip, p.org_name AS org, p.adkim AS adkim, p.aspf AS aspf,
            r.disposition AS disposition, r.dkim AS dkim, r.spf AS spf, r.reasons AS reasons,
            r.header_from AS header_from, r.envelope_from AS envelope_from, x.auth AS auth,
            sum(r.count) AS messages, count(*) AS records, min(r.id) AS first
       FROM reports p JOIN records r ON r.report = p.id
       LEFT JOIN (SELECT a.record AS record, string_agg(${auth}, '${AUTH_SEPARATOR}') AS auth
                    FROM ${w.sql ? `reports p JOIN records r ON r.report = p.id JOIN auth_results a ON a.record = r.id ${w.sql}` : "auth_results a"}
                   GROUP BY a.record) x ON x.record = r.id
      ${w.sql}
      GROUP BY p.policy_domain, r.source_ip, p.org_name, p.adkim, p.aspf, r.disposition, r.dkim, r.spf,
               r.reasons, r.header_from, r.envelope_from, x.auth
      ORDER BY first`,
    [...w.params, ...w.params],
  );
}

/** The columns of one auth result in `sourceRecordGroups`' joined text, in this order. */
export const AUTH_COLUMNS = ["method", "domain", "selector", "scope", "result"] as const;
/** Between fields and between results alike: every result has AUTH_COLUMNS.length fields. */
export const AUTH_SEPARATOR = ",";

/**
 * A value made safe to join: `%` and the separator are written as `%25` and `%2C`, so the joined
 * text splits back into exactly the values it was made of (`unescapeAuthField`), whatever a report held.
 */
function escaped(column: string): string {
  return `replace(replace(${column}, '%', '%25'), '${AUTH_SEPARATOR}', '%2C')`;
}

export function unescapeAuthField(field: string): string {
  return field.includes("%") ? field.replace(/%2C|%25/g, (m) => (m === "%2C" ? AUTH_SEPARATOR : "%")) : field;
}
