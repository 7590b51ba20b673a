import { toJsonText } from "../format/json-text.js";
import { csvRows } from "./csv.js";
import type { AggregateReport } from "./types.js";

/** Pure formatters for `reports parse`: one normalized report. */
export const REPORT_FORMATTERS = {
  json: (report: AggregateReport) =>
    toJsonText({
      schemaVersion: 1,
      ...report,
      totals: {
        records: report.records.length,
        messages: report.records.reduce((sum, r) => sum + r.count, 0),
      },
    }),
  csv: (report: AggregateReport) =>
    csvRows(
      [
        "org_name",
        "report_id",
        "policy_domain",
        "begin",
        "end",
        "source_ip",
        "count",
        "disposition",
        "dkim",
        "spf",
        "header_from",
        "envelope_from",
        "dkim_results",
        "spf_results",
      ],
      report.records.map((r) => [
        report.metadata.orgName,
        report.metadata.reportId,
        report.policy.domain,
        report.metadata.begin,
        report.metadata.end,
        r.sourceIp,
        r.count,
        r.disposition,
        r.dkim,
        r.spf,
        r.headerFrom,
        r.envelopeFrom,
        r.dkimResults.map((d) => `${d.domain}:${d.selector}:${d.result}`).join(" "),
        r.spfResults.map((s) => `${s.domain}:${s.scope}:${s.result}`).join(" "),
      ]),
    ),
} as const;
