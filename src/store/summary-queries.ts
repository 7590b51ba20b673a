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

/**
 * What the summary reads from: a store whose every summary first folds what arrived since the last
 * one into the sums these queries read (summary-sums.ts).
 */
export type SummaryStore = Pick<ReportStore, "select" | "foldSummarySums">;

function all(db: Reader, sql: string, params: SqlValue[]): Promise<Row[]> {
  return db.select(sql, params);
}

/**
 * One row per folded report (summary-sums.ts): its domain, reporter and period with its records'
 * sums. Everything per domain, reporter and day in the summary adds these up
 * (src/reports/summary-tallies.ts). A report without records has `records` 0 and sums 0.
 */
export async function reportTotals(db: Reader, filter: SummaryFilter): Promise<Row[]> {
  const w = filterSql(filter);
  return all(
    db,
    `SELECT p.id AS id, p.policy_domain AS domain, p.org_name AS org, p.begin_ts AS begin, p.end_ts AS end,
            s.records AS records, s.messages AS messages, s.pass AS pass,
            s.dkim_aligned_pass AS dkim_aligned_pass, s.spf_aligned_pass AS spf_aligned_pass
       FROM reports p JOIN report_sums s ON s.report = p.id ${w.sql}
      ORDER BY p.id`,
    w.params,
  );
}

/**
 * When each source of each domain was first seen in the whole store, not only since `since`: the
 * earliest report start of its folded groups (summary-sums.ts).
 */
export async function sourcesFirstSeen(db: Reader, domain: string | undefined): Promise<Row[]> {
  return all(
    db,
    `SELECT domain, ip, min(first_begin) AS first_seen FROM source_groups
      ${domain === undefined ? "" : "WHERE domain = ?"} GROUP BY domain, ip`,
    domain === undefined ? [] : [domain],
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
 * Messages that failed DMARC per folded report and source (summary-sums.ts), with the report's domain
 * and day (of its midpoint): the page stacks each day's failing mail by the class of its source
 * (daily-volumes.ts adds up the reports of one day). Neither grouped nor sorted here: the caller
 * sums them in JavaScript, and sorting 90,000 rows (the bench store's) only to add them up cost the
 * database more than the adding.
 */
export async function failingBySourceAndReport(db: Reader, filter: SummaryFilter): Promise<Row[]> {
  const w = filterSql(filter);
  return all(
    db,
    `SELECT p.policy_domain AS domain, (p.begin_ts + p.end_ts) / 2 / 86400 AS day, f.ip AS ip, f.messages AS messages
       FROM reports p JOIN failing_sources f ON f.report = p.id ${w.sql}`,
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
 * Without `since` they are the folded sums (summary-sums.ts); with it, the records of the reports in
 * the period are grouped here the same way. A record's auth results are several rows, joined into
 * one text per record (joined-auth-results.ts) in the order the rows were visited, so two records
 * holding the same results in another order may make two groups here: the caller puts each group's
 * results in canonical order and merges such groups (src/sources/record-groups.ts). `first` is the
 * group's first record id: the groups come in the order their first record was stored; `first_begin`
 * the start of the earliest report holding one of its records.
 */
export async function sourceRecordGroups(db: Reader, filter: SummaryFilter): Promise<Row[]> {
  if (filter.since === undefined) {
    const byDomain = filter.domain !== undefined;
    return all(
      db,
      `SELECT domain, ip, org, adkim, aspf, disposition, dkim, spf, reasons, header_from, envelope_from, auth,
              messages, records, first_record AS first, first_begin
         FROM source_groups ${byDomain ? "WHERE domain = ?" : ""} ORDER BY first_record`,
      byDomain ? [filter.domain as string] : [],
    );
  }
  const w = filterSql(filter);
  return all(
    db,
    `SELECT p.policy_domain AS domain, r.source_ip AS ip, p.org_name AS org, p.adkim AS adkim, p.aspf AS aspf,
            r.disposition AS disposition, r.dkim AS dkim, r.spf AS spf, r.reasons AS reasons,
            r.header_from AS header_from, r.envelope_from AS envelope_from, coalesce(x.auth, '') AS auth,
            sum(r.count) AS messages, count(*) AS records, min(r.id) AS first, min(p.begin_ts) AS first_begin
       FROM reports p JOIN records r ON r.report = p.id
       LEFT JOIN (SELECT a.record AS record, ${joinedAuthResultsSql("a")} AS auth
                    FROM reports p JOIN records r ON r.report = p.id JOIN auth_results a ON a.record = r.id ${w.sql}
                   GROUP BY a.record) x ON x.record = r.id
      ${w.sql}
      GROUP BY p.policy_domain, r.source_ip, p.org_name, p.adkim, p.aspf, r.disposition, r.dkim, r.spf,
               r.reasons, r.header_from, r.envelope_from, x.auth
      ORDER BY first`,
    [...w.params, ...w.params],
  );
}
