import type { DomainResult } from "../audit/audit.js";
import type { DomainStatus } from "../engine/exit-code.js";
import { escapeMarkdown } from "./markdown-escape.js";
import { publishedRows } from "./published-rows.js";
import { ruleDocUrl } from "./rule-docs-url.js";
import type { Formatter } from "./types.js";

const STATUS_LABEL = {
  pass: "✅ pass",
  fail: "❌ fail",
  inconclusive: "⚠️ inconclusive",
} as const satisfies Record<DomainStatus, string>;

/**
 * Markdown for pull-request comments and the GitHub job summary: an overview table, then per domain
 * what is published and what is wrong. Every piece of DNS data is escaped: a TXT record must not be
 * able to inject HTML, links or table cells into a PR comment.
 */
export const formatMarkdown: Formatter = (report) => {
  const { errors, warnings } = report.summary;
  const lines = [
    "## mailaudit",
    "",
    `${report.domains.length} domain(s): ${errors} error(s), ${warnings} warning(s); exit code ${report.exitCode}.`,
    "",
    "| domain | status | errors | warnings |",
    "|---|---|---|---|",
    ...report.domains.map((d) => {
      const count = (severity: string) => d.findings.filter((f) => f.severity === severity).length;
      return `| ${escapeMarkdown(d.domain)} | ${STATUS_LABEL[d.status]} | ${count("error")} | ${count("warning")} |`;
    }),
    "",
    ...report.domains.flatMap(domainSection),
  ];
  return `${lines.join("\n")}\n`;
};

function domainSection(result: DomainResult): string[] {
  const rows = publishedRows(result.snapshot);
  const lines = [`### ${escapeMarkdown(result.domain)}`, ""];
  if (rows.length > 0) {
    lines.push("| record | value | facts |", "|---|---|---|");
    for (const row of rows)
      lines.push(
        `| ${escapeMarkdown(row.label)} | ${escapeMarkdown(row.record)} | ${escapeMarkdown(row.facts)} |`,
      );
    lines.push("");
  }
  if (result.findings.length === 0) return [...lines, "No findings.", ""];
  lines.push("| severity | rule | message |", "|---|---|---|");
  for (const f of result.findings) {
    lines.push(
      `| ${f.severity} | [${escapeMarkdown(f.rule)}](${ruleDocUrl(f.rule)}) | ${escapeMarkdown(f.message)} |`,
    );
  }
  return [...lines, ""];
}
