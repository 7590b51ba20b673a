import { joinedAuthResultsSql } from "./joined-auth-results.js";
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

/** The WHERE clause of a filter over `reports p`, with its parameters. */
export function filterSql(filter: SummaryFilter): { sql: string; params: SqlValue[] } {
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

/**
 * One row per report: its domain, reporter and period with its records' sums. Everything per domain,
 * reporter and day in the summary adds these up (src/reports/summary-tallies.ts): one pass over the
 * records instead of one per figure. A report without records has `records` 0 and sums 0.
 */
export async function reportTotals(db: Reader, filter: SummaryFilter): Promise<Row[]> {
  const w = filterSql(filter);
  return all(
    db,
    `SELECT p.id AS id, p.policy_domain AS domain, p.org_name AS org, p.begin_ts AS begin, p.end_ts AS end,
            count(r.id) AS records, coalesce(sum(r.count), 0) AS messages,
            coalesce(sum(CASE WHEN ${PASS} THEN r.count ELSE 0 END), 0) AS pass,
            coalesce(sum(CASE WHEN r.dkim = 'pass' THEN r.count ELSE 0 END), 0) AS dkim_aligned_pass,
            coalesce(sum(CASE WHEN r.spf = 'pass' THEN r.count ELSE 0 END), 0) AS spf_aligned_pass
       FROM reports p LEFT JOIN records r ON r.report = p.id ${w.sql}
      GROUP BY p.id, p.policy_domain, p.org_name, p.begin_ts, p.end_ts
      ORDER BY p.id`,
    w.params,
  );
}

/**
 * When each source of each domain was first seen in the whole store, not only since `since` (the
 * source groups carry it already when there is no `since`). Grouped once rather than a subquery per
 * source, which made the summary quadratic in distinct sources (20,000 IPs: 30 s).
 */
export async function sourcesFirstSeen(db: Reader, domain: string | undefined): Promise<Row[]> {
  const w = filterSql(domain === undefined ? {} : { domain });
  return all(
    db,
    `SELECT p.policy_domain AS domain, r.source_ip AS ip, min(p.begin_ts) AS first_seen
       FROM reports p JOIN records r ON r.report = p.id ${w.sql}
      GROUP BY p.policy_domain, r.source_ip`,
    w.params,
  );
}

/**
 * The published policy of each domain's latest report (for readiness). Of reports ending at the same
 * moment, the one stored first speaks (what SQLite's bare column beside GROUP BY used to pick),
 * spelled out so that PostgreSQL picks the same one.
 */
export async function latestPolicies(db: Reader, filter: SummaryFilter): Promise<Row[]> {
  const w = filterSql(filter);
  return all(
    db,
    `SELECT p.policy_domain AS domain, p.policy_p AS policy FROM reports p ${w.sql}
      ${w.sql ? "AND" : "WHERE"} p.id = (SELECT q.id FROM reports q WHERE q.policy_domain = p.policy_domain
                                          ORDER BY q.end_ts DESC, q.id LIMIT 1)`,
    w.params,
  );
}

export async function dkimSelectors(db: Reader, filter: SummaryFilter): Promise<Row[]> {
  const w = filterSql(filter);
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
 * Messages that failed DMARC, per domain, day (as in dailyTotals) and source: the page stacks each
 * day's failing mail by the class of its source (daily-volumes.ts). Failing records are the small
 * share of a store, so this stays far below a row per source and day.
 */
export async function dailyFailingBySource(db: Reader, filter: SummaryFilter): Promise<Row[]> {
  const w = filterSql(filter);
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
 * (joined-auth-results.ts) so that records with the same results fall into one group. That text keeps the order the rows were visited in, so two records
 * holding the same results in another order may make two groups here: the caller puts each group's
 * results in canonical order and merges such groups (src/sources/record-groups.ts). `first` is the
 * group's first record id: the groups come in the order their first record was stored; `first_begin`
 * the start of the earliest report holding one of its records.
 */
export async function sourceRecordGroups(db: Reader, filter: SummaryFilter): Promise<Row[]> {
  const w = filterSql(filter);
  return all(
    db,
    `SELECT p.policy_domain AS domain, r.source_ip AS ip, p.org_name AS org, p.adkim AS adkim, p.aspf AS aspf,
            r.disposition AS disposition, r.dkim AS dkim, r.spf AS spf, r.reasons AS reasons,
            r.header_from AS header_from, r.envelope_from AS envelope_from, x.auth AS auth,
            sum(r.count) AS messages, count(*) AS records, min(r.id) AS first, min(p.begin_ts) AS first_begin
       FROM reports p JOIN records r ON r.report = p.id
       LEFT JOIN (SELECT a.record AS record, ${joinedAuthResultsSql("a")} AS auth
                    FROM ${w.sql ? `reports p JOIN records r ON r.report = p.id JOIN auth_results a ON a.record = r.id ${w.sql}` : "auth_results a"}
                   GROUP BY a.record) x ON x.record = r.id
      ${w.sql}
      GROUP BY p.policy_domain, r.source_ip, p.org_name, p.adkim, p.aspf, r.disposition, r.dkim, r.spf,
               r.reasons, r.header_from, r.envelope_from, x.auth
      ORDER BY first`,
    [...w.params, ...w.params],
  );
}
