import { escapeForTerminal } from "../format/escape.js";
import { fittedTable } from "../format/fitted-table.js";
import { toJsonText } from "../format/json-text.js";
import { DEFAULT_WIDTH } from "../format/types.js";
import { csvRows } from "./csv.js";
import type { ReportSummary } from "./summary.js";
import { formatSummaryHtml, type SummaryPageOptions } from "./summary-html.js";

/** Pure formatters for `reports summary`: `(summary) → string`. */
export type SummaryFormat = "table" | "json" | "csv" | "html";

export const SUMMARY_FORMATTERS = {
  json: (summary) => toJsonText(summary),
  csv: (summary) =>
    csvRows(
      [
        "domain",
        "source_ip",
        "reverse_dns",
        "messages",
        "pass",
        "fail",
        "first_seen",
        "new",
        "class",
        "service",
        "explanation",
      ],
      summary.domains.flatMap((d) =>
        d.sources.map((s) => [
          d.domain,
          s.ip,
          s.name ?? "",
          s.messages,
          s.pass,
          s.fail,
          s.firstSeen,
          s.isNew,
          s.class ?? "",
          s.service ?? "",
          s.explanation ?? "",
        ]),
      ),
    ),
  table: formatTable,
  html: (summary, _width, extras) => formatSummaryHtml(summary, extras),
} satisfies Record<
  SummaryFormat,
  // The page also stacks each day's failing mail by class: the command passes those day volumes.
  (summary: ReportSummary, width?: number, extras?: SummaryPageOptions) => string
>;

/** Narrowest columns: an IPv4 address, "undecided" and a date whole; the rest wrap (80 columns fit). */
const MIN_COLUMNS = [15, 4, 9, 4, 5, 4, 4, 10];
/** Kept while the name column can give way: "authorized-unaligned", a service name, the headers. */
const KEEP_COLUMNS = [15, 4, 20, 8, 8, 4, 4, 10];

function formatTable(summary: ReportSummary, width = DEFAULT_WIDTH): string {
  if (summary.domains.length === 0) return "No reports stored for this selection.\n";
  const e = escapeForTerminal;
  return `${summary.domains
    .map((d) => {
      const lines = [
        `${e(d.domain)}  ${d.period.begin} – ${d.period.end}`,
        `  ${d.reports} report(s), ${d.messages} message(s): ${d.pass} pass, ${d.fail} fail (${d.failPercent}%)`,
        `  aligned: DKIM pass ${d.aligned.dkimPass}, SPF pass ${d.aligned.spfPass}; raw: DKIM pass ${d.raw.dkimPass}, SPF pass ${d.raw.spfPass}`,
        `  dispositions: ${
          Object.entries(d.dispositions)
            .map(([k, v]) => `${e(k)} ${v}`)
            .join(", ") || "-"
        }`,
        `  policy ${e(d.readiness.policy ?? "?")}${d.readiness.next ? ` → ${d.readiness.next}: ${d.readiness.wouldFailPercent}% would fail (${d.readiness.ready ? "ready" : "not ready"})` : ""}`,
      ];
      if (d.readiness.blockers.length > 0) {
        lines.push(
          `  blocking p=reject: ${d.readiness.blockers
            .map(
              (b) =>
                `${e(b.ip)} ${b.class ?? "unclassified"}${b.service ? ` (${e(b.service)})` : ""} ${b.percent}%`,
            )
            .join(", ")}`,
        );
      }
      const disagreeing = d.reporters.filter((r) => (r.disagreements?.messages ?? 0) > 0);
      if (disagreeing.length > 0) {
        lines.push(
          `  reporters whose verdict differs from the recomputed alignment: ${disagreeing
            .map(
              (r) =>
                `${e(r.org)} ${r.disagreements?.messages} of ${r.messages} messages (said pass: ${r.disagreements?.reporterPassOnly}, said fail: ${r.disagreements?.recomputedPassOnly})`,
            )
            .join("; ")}`,
        );
      }
      if (d.dkimSelectors.length > 0) {
        lines.push(
          `  DKIM selectors: ${d.dkimSelectors.map((s) => `${e(s.selector)}._domainkey.${e(s.domain)}`).join(", ")}`,
        );
      }
      const rows = d.sources.map((s) => [
        `${e(s.ip)}${s.isNew ? " (new)" : ""}`,
        e(s.name ?? ""),
        s.class ?? (s.undecided ? "undecided" : ""),
        e(s.service ?? ""),
        s.messages,
        s.pass,
        s.fail,
        s.firstSeen.slice(0, 10),
      ]);
      const head = ["source", "name", "class", "service", "messages", "pass", "fail", "first seen"];
      lines.push(fittedTable(rows, { head, width, min: MIN_COLUMNS, keep: KEEP_COLUMNS }));
      for (const s of d.sources) if (s.explanation) lines.push(`  - ${e(s.explanation)}`);
      return lines.join("\n");
    })
    .join("\n\n")}\n${classificationNote(summary)}`;
}

/** Says when the classification ran without DNS, and what it could therefore not decide. */
function classificationNote(summary: ReportSummary): string {
  const c = summary.classification;
  if (!c || c.dns) return "";
  const undecided =
    c.undecidedSources === 0
      ? "every source could be decided"
      : `${c.undecidedSources} source(s) could not be told apart: ${c.undecidedClasses.join(" or ")} (your live SPF decides)`;
  return `\nClassified from the reports alone (--no-dns): ${undecided}.\n`;
}
