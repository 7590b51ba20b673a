import type { ReportHeader } from "../reports/types.js";

/** The `reports` columns known when a report's header has been read, in the order of `reportRowValues`. */
export const REPORT_ROW_COLUMNS = [
  "org_name",
  "report_id",
  "policy_domain",
  "begin_ts",
  "end_ts",
  "email",
  "schema",
  "version",
  "policy_p",
  "policy_sp",
  "policy_np",
  "adkim",
  "aspf",
  "pct",
  "fo",
  "testing",
  "discovery_method",
  "errors",
  "source",
  "ingested_at",
] as const;

/** A report's row as both stores write it (absent policy tags are NULL, errors a JSON array). */
export function reportRowValues(header: ReportHeader, source: string): (string | number | null)[] {
  const { metadata: m, policy: p } = header;
  return [
    m.orgName,
    m.reportId,
    p.domain,
    m.begin,
    m.end,
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
  ];
}
