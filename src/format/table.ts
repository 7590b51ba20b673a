import { Chalk, type ChalkInstance } from "chalk";
import Table from "cli-table3";
import type { DomainResult } from "../audit/audit.js";
import { domainIsAbsent } from "../audit/domain-absent.js";
import type { DomainStatus } from "../engine/exit-code.js";
import type { Severity } from "../engine/severity.js";
import { escapeForTerminal } from "./escape.js";
import { publishedRows } from "./published-rows.js";
import type { FormatContext, Formatter } from "./types.js";

const RECORD_WIDTH = 64;

/** The human view: per domain, what is published, then what is wrong and how to fix it. */
export const formatTable: Formatter = (report, context) => {
  const c = new Chalk({ level: context.color ? 1 : 0 });
  const blocks = report.domains.map((result) => domainBlock(result, context, c));
  const { errors, warnings, notices } = report.summary;
  const counts = `${plural(errors, "error")}, ${plural(warnings, "warning")}${notices ? `, ${plural(notices, "notice")}` : ""}`;
  blocks.push(
    `${c.bold("Summary:")} ${report.domains.length} domain(s), ${counts}; exit code ${report.exitCode}\n`,
  );
  return blocks.join("\n");
};

function domainBlock(result: DomainResult, context: FormatContext, c: ChalkInstance): string {
  const lines = [`${c.bold(escapeForTerminal(result.domain))}  ${statusBadge(result.status, c)}`];
  // A domain that does not exist publishes nothing: its finding says so, an empty table would not.
  const rows = domainIsAbsent(result.snapshot) ? [] : publishedRows(result.snapshot);
  if (rows.length > 0) {
    // cli-table3 colours borders even into pipes unless its style is emptied.
    const table = new Table({
      style: { head: [], border: [] },
      wordWrap: true,
      colWidths: [12, RECORD_WIDTH + 2, 34],
    });
    for (const row of rows)
      table.push([row.label, escapeForTerminal(row.record), escapeForTerminal(row.facts)]);
    lines.push(table.toString());
  }
  if (result.findings.length === 0) {
    lines.push(c.green("  no findings"));
  }
  for (const finding of result.findings) {
    lines.push(
      `  ${severityLabel(finding.severity, c)} ${c.dim(finding.rule)}  ${escapeForTerminal(finding.message)}`,
    );
    const remediation = context.rules.get(finding.rule)?.remediation;
    if (remediation) lines.push(c.dim(`      fix: ${remediation}`));
    if (finding.suggestion) lines.push(c.dim(`      suggested: ${escapeForTerminal(finding.suggestion)}`));
  }
  return `${lines.join("\n")}\n`;
}

function statusBadge(status: DomainStatus, c: ChalkInstance): string {
  switch (status) {
    case "pass":
      return c.green("PASS");
    case "fail":
      return c.red.bold("FAIL");
    case "inconclusive":
      return c.yellow.bold("INCONCLUSIVE");
  }
}

function severityLabel(severity: Severity, c: ChalkInstance): string {
  const padded = severity.padEnd(7);
  switch (severity) {
    case "error":
      return c.red(padded);
    case "warning":
      return c.yellow(padded);
    case "notice":
      return c.cyan(padded);
    case "info":
      return c.dim(padded);
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
