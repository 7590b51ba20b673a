import { joinedAuthResultsSql } from "./joined-auth-results.js";

/**
 * The summary's sums (migration 5): what `reports summary` would otherwise add up from every record
 * on every run — 900,000 records grouped by twelve columns cost ~7 s in SQLite, however the query is
 * written. Each summary first folds the reports stored since the last one into three tables, and
 * reads those: a report is added to the sums once, by whichever summary sees it first.
 * - report_sums: per report, its records, messages and DMARC / aligned DKIM / aligned SPF passes;
 *   a report without a row here is not folded yet.
 * - failing_sources: per report and source IP, the messages that failed DMARC.
 * - source_groups: per (policy domain, source IP), the records that say the same thing (reporter,
 *   published modes, verdict, identifiers and auth results) summed over every folded report, with
 *   the first record's id and the earliest report start (summary-queries' sourceRecordGroups).
 *
 * A user who may only read the store folds nothing: its summary reads the sums through
 * SUMS_WITH_UNFOLDED instead (read-only-sums.ts).
 *
 * Ingest is untouched: folding at ingest would add work to every report (measured: an extra round
 * trip per report nearly halved PostgreSQL's small-report ingest). Prune drops the sums of each
 * domain it deletes reports of, and the next summary folds that domain again.
 *
 * The SQL is what both stores share; the caller supplies `fresh` (the ids of the reports to fold,
 * as a table or CTE), how a group's key is stored, and its scalar minimum.
 */
export interface FoldDialect {
  /** The stored key from the length-prefixed text of a group's fields. */
  key(text: string): string;
  /** The smaller of two values (SQLite's two-argument `min`, PostgreSQL's `least`). */
  least(a: string, b: string): string;
}

const PASS = "(r.dkim = 'pass' OR r.spf = 'pass')";

/** A report `p` is not folded yet: it has no row in `sums` (report_sums, by a name that reaches the table). */
const notFolded = (sums = "report_sums") => `NOT EXISTS (SELECT 1 FROM ${sums} s WHERE s.report = p.id)`;
const NOT_FOLDED = notFolded();

/** The reports not folded yet (both stores). */
export const UNFOLDED_REPORTS = `SELECT p.id FROM reports p WHERE ${NOT_FOLDED}`;

/**
 * Records folded per transaction, about: a store's first summary folds everything it holds (~8 s
 * per 900,000 records in SQLite here), and one transaction for all of it would hold SQLite's write
 * lock past a concurrent ingest's busy timeout on a store of tens of millions of records. Sums and
 * minimums do not care in which batches reports are added, so batches change nothing but the lock.
 */
export const FOLD_BATCH_RECORDS = 200_000;

/**
 * The oldest unfolded reports holding up to `budget` records between them (the first one whatever
 * its size, when `budget` is at least 1), by id: `budget` is the SQL of a parameter.
 */
export const NEXT_UNFOLDED = (budget: string) =>
  `SELECT id FROM (SELECT p.id AS id, p.record_count AS records,
                          sum(p.record_count) OVER (ORDER BY p.id) AS running
                     FROM reports p
                    WHERE ${NOT_FOLDED}) unfolded
    WHERE running - records < ${budget}`;

const REPORT_SUMS_COLUMNS = "report, records, messages, pass, dkim_aligned_pass, spf_aligned_pass";

/** The report_sums rows of the reports in `fresh`. */
const REPORT_SUMS_OF = (fresh: string) =>
  `SELECT f.id AS report, count(r.id) AS records, coalesce(sum(r.count), 0) AS messages,
          coalesce(sum(CASE WHEN ${PASS} THEN r.count ELSE 0 END), 0) AS pass,
          coalesce(sum(CASE WHEN r.dkim = 'pass' THEN r.count ELSE 0 END), 0) AS dkim_aligned_pass,
          coalesce(sum(CASE WHEN r.spf = 'pass' THEN r.count ELSE 0 END), 0) AS spf_aligned_pass
     FROM ${fresh} f LEFT JOIN records r ON r.report = f.id
    GROUP BY f.id`;

export const FOLD_REPORT_SUMS = (fresh: string) =>
  `INSERT INTO report_sums (${REPORT_SUMS_COLUMNS}) ${REPORT_SUMS_OF(fresh)}`;

/** The failing_sources rows of the reports in `fresh`. */
const FAILING_SOURCES_OF = (fresh: string) =>
  `SELECT r.report AS report, r.source_ip AS ip, sum(r.count) AS messages
     FROM records r
    WHERE r.report IN (SELECT id FROM ${fresh}) AND NOT ${PASS}
    GROUP BY r.report, r.source_ip`;

export const FOLD_FAILING_SOURCES = (fresh: string) =>
  `INSERT INTO failing_sources (report, ip, messages) ${FAILING_SOURCES_OF(fresh)}`;

/** A group's fields, in the order of its key: its key text is each as `<octets>:<text>`, `-` for NULL. */
const GROUP_FIELDS = [
  "domain",
  "ip",
  "org",
  "adkim",
  "aspf",
  "disposition",
  "dkim",
  "spf",
  "reasons",
  "header_from",
  "envelope_from",
  "auth",
] as const;
const keyText = (alias: string) =>
  GROUP_FIELDS.map((f) => `coalesce(octet_length(${alias}.${f}) || ':' || ${alias}.${f}, '-')`).join(" || ");

const GROUP_SUM_COLUMNS = "messages, records, first_record, first_begin";

/** The records of the reports in `fresh` grouped as sourceRecordGroups groups them: GROUP_FIELDS, then GROUP_SUM_COLUMNS. */
const SOURCE_GROUPS_OF = (fresh: string) =>
  `SELECT p.policy_domain AS domain, r.source_ip AS ip, p.org_name AS org, p.adkim AS adkim, p.aspf AS aspf,
          r.disposition AS disposition, r.dkim AS dkim, r.spf AS spf, r.reasons AS reasons,
          r.header_from AS header_from, r.envelope_from AS envelope_from, coalesce(x.auth, '') AS auth,
          sum(r.count) AS messages, count(*) AS records, min(r.id) AS first_record,
          min(p.begin_ts) AS first_begin
     FROM reports p JOIN records r ON r.report = p.id
     LEFT JOIN (SELECT a.record AS record, ${joinedAuthResultsSql("a")} AS auth
                  FROM auth_results a
                 WHERE a.record IN (SELECT r.id FROM records r WHERE r.report IN (SELECT id FROM ${fresh}))
                 GROUP BY a.record) x ON x.record = r.id
    WHERE p.id IN (SELECT id FROM ${fresh})
    GROUP BY p.policy_domain, r.source_ip, p.org_name, p.adkim, p.aspf, r.disposition, r.dkim, r.spf,
             r.reasons, r.header_from, r.envelope_from, x.auth`;

/**
 * Adds the records of the fresh reports to source_groups: grouped as sourceRecordGroups groups them,
 * then each group added to the stored one with the same key, or stored as new. `WHERE true` lets
 * SQLite tell the upsert's ON CONFLICT from a join's ON.
 */
export const FOLD_SOURCE_GROUPS = (fresh: string, dialect: FoldDialect) =>
  `INSERT INTO source_groups (group_key, ${GROUP_FIELDS.join(", ")}, ${GROUP_SUM_COLUMNS})
   SELECT ${dialect.key(keyText("g"))}, g.*
     FROM (${SOURCE_GROUPS_OF(fresh)}) g
    WHERE true
   ON CONFLICT (group_key) DO UPDATE SET
     messages = source_groups.messages + excluded.messages,
     records = source_groups.records + excluded.records,
     first_record = ${dialect.least("source_groups.first_record", "excluded.first_record")},
     first_begin = ${dialect.least("source_groups.first_begin", "excluded.first_begin")}`;

/**
 * The sums as a fold would leave them, for a summary that cannot write them (a SELECT-only role, a
 * file this user may only read): a WITH clause whose CTEs take the three tables' names, so every
 * summary query that follows it reads the stored sums plus those of the reports not folded yet,
 * computed on the fly and written nowhere. `stored` names each table so that a CTE of the same
 * name cannot hide it (schema-qualified). Sums and minimums do not care in which order reports are
 * added, and a group is the same whether keyed by its fields or by their key text, so the summary
 * prints what it would after a fold.
 */
export const SUMS_WITH_UNFOLDED = (stored: (table: string) => string) => {
  const fields = GROUP_FIELDS.join(", ");
  return `WITH unfolded_reports AS (SELECT p.id AS id FROM reports p WHERE ${notFolded(stored("report_sums"))}),
  report_sums AS (SELECT ${REPORT_SUMS_COLUMNS} FROM ${stored("report_sums")}
                  UNION ALL ${REPORT_SUMS_OF("unfolded_reports")}),
  failing_sources AS (SELECT report, ip, messages FROM ${stored("failing_sources")}
                      UNION ALL ${FAILING_SOURCES_OF("unfolded_reports")}),
  source_groups AS (SELECT ${fields}, sum(messages) AS messages, sum(records) AS records,
                           min(first_record) AS first_record, min(first_begin) AS first_begin
                      FROM (SELECT ${fields}, ${GROUP_SUM_COLUMNS} FROM ${stored("source_groups")}
                            UNION ALL ${SOURCE_GROUPS_OF("unfolded_reports")}) g
                     GROUP BY ${fields})
`;
};

/**
 * What prune deletes besides the reports, before deleting them (`$gone` is the reports' condition):
 * the sums of every domain that loses a report, so the next summary folds its remaining reports again.
 */
export const UNFOLD_DOMAINS_OF = (gone: string) => [
  `DELETE FROM source_groups WHERE domain IN (SELECT policy_domain FROM reports WHERE ${gone})`,
  `DELETE FROM failing_sources WHERE report IN (SELECT id FROM reports WHERE policy_domain IN
     (SELECT policy_domain FROM reports WHERE ${gone}))`,
  `DELETE FROM report_sums WHERE report IN (SELECT id FROM reports WHERE policy_domain IN
     (SELECT policy_domain FROM reports WHERE ${gone}))`,
];
