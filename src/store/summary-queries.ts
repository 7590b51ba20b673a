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
 * source groups carry it already when there is no `since`): from the sums kept at ingest
 * (`source_groups`), one row per (shape, source IP) rather than one per record.
 */
export async function sourcesFirstSeen(db: Reader, domain: string | undefined): Promise<Row[]> {
  return all(
    db,
    `SELECT s.policy_domain AS domain, g.source_ip AS ip, min(g.first_begin) AS first_seen
       FROM source_groups g JOIN record_shapes s ON s.id = g.shape ${domain === undefined ? "" : "WHERE s.policy_domain = ?"}
      GROUP BY s.policy_domain, g.source_ip`,
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
 * What a group says is a record shape, stored once at ingest with its auth results joined in
 * canonical order (record-shape.ts); without `since` the sums per (shape, source IP) are kept at
 * ingest too (`source_groups`), with `since` the records of the reports ending since are summed per
 * shape. Two shapes may still differ only before normalization (letter case, a trailing dot): the
 * caller merges such groups (src/sources/record-groups.ts). `first` is the group's first record id:
 * the groups come in the order their first record was stored; `first_begin` the start of the
 * earliest report holding one of its records. `auth` is "" for records without auth results.
 */
export async function sourceRecordGroups(db: Reader, filter: SummaryFilter): Promise<Row[]> {
  const sums =
    "g.messages AS messages, g.records AS records, g.first_record AS first, g.first_begin AS first_begin";
  let groups: Row[];
  if (filter.since === undefined) {
    const domain =
      filter.domain === undefined
        ? ""
        : "WHERE g.shape IN (SELECT id FROM record_shapes WHERE policy_domain = ?)";
    groups = await all(
      db,
      `SELECT g.shape AS shape, g.source_ip AS ip, ${sums} FROM source_groups g ${domain} ORDER BY first`,
      filter.domain === undefined ? [] : [filter.domain],
    );
  } else {
    const w = filterSql(filter);
    groups = await all(
      db,
      `SELECT g.shape AS shape, g.source_ip AS ip, ${sums}
         FROM (SELECT r.shape AS shape, r.source_ip AS source_ip, sum(r.count) AS messages, count(*) AS records,
                      min(r.id) AS first_record, min(p.begin_ts) AS first_begin
                 FROM reports p JOIN records r ON r.report = p.id ${w.sql}
                GROUP BY r.shape, r.source_ip) g
        ORDER BY first`,
      w.params,
    );
  }
  // The shapes apart: each group's row made of its shape's fields costs ~7x the database's time.
  const shapes = new Map<string, Row>();
  for (const shape of await all(
    db,
    `SELECT id, policy_domain AS domain, org_name AS org, adkim, aspf, disposition, dkim, spf, reasons,
            header_from, envelope_from, auth
       FROM record_shapes ${filter.domain === undefined ? "" : "WHERE policy_domain = ?"}`,
    filter.domain === undefined ? [] : [filter.domain],
  ))
    shapes.set(String(shape.id), shape);
  return groups.map((g) => {
    const s = shapes.get(String(g.shape)) ?? {};
    return {
      domain: s.domain ?? null,
      ip: g.ip ?? null,
      org: s.org ?? null,
      adkim: s.adkim ?? null,
      aspf: s.aspf ?? null,
      disposition: s.disposition ?? null,
      dkim: s.dkim ?? null,
      spf: s.spf ?? null,
      reasons: s.reasons ?? null,
      header_from: s.header_from ?? null,
      envelope_from: s.envelope_from ?? null,
      auth: s.auth ?? null,
      messages: g.messages ?? null,
      records: g.records ?? null,
      first: g.first ?? null,
      first_begin: g.first_begin ?? null,
    };
  });
}
