import { Chalk, type ChalkInstance } from "chalk";
import type { DomainResult } from "../audit/audit.js";
import { domainIsAbsent } from "../audit/domain-absent.js";
import type { DomainStatus } from "../engine/exit-code.js";
import { RULE_FAILED } from "../engine/run-rules.js";
import type { Severity } from "../engine/severity.js";
import { escapeForTerminal } from "./escape.js";
import { wrapHanging } from "./fit-width.js";
import { fittedTable } from "./fitted-table.js";
import { publishedRows } from "./published-rows.js";
import { DEFAULT_WIDTH, type FormatContext, type Formatter } from "./types.js";

/** Narrowest label, record and facts columns: below this a terminal shows more wrap than text. */
const MIN_COLUMNS = [8, 20, 14];
/** A DKIM key's base64 says nothing to a reader; its length and start do (JSON keeps it whole). */
const LONG_KEY = /\bp=([A-Za-z0-9+/=]{24})[A-Za-z0-9+/=]{16,}/;

/** The human view: per domain, what is published, then what is wrong and how to fix it. */
export const formatTable: Formatter = (report, context) => {
  const c = new Chalk({ level: context.color ? 1 : 0 });
  const blocks = report.domains.map((result) => domainBlock(result, context, c));
  const { errors, warnings, notices } = report.summary;
  const counts = `${plural(errors, "error")}, ${plural(warnings, "warning")}${notices ? `, ${plural(notices, "notice")}` : ""}`;
  const summary = `${report.domains.length} domain(s), ${counts}; exit code ${report.exitCode}`;
  blocks.push(`${c.bold("Summary:")} ${wrapHanging(summary, context.width ?? DEFAULT_WIDTH, 9, 2)}\n`);
  return blocks.join("\n");
};

function domainBlock(result: DomainResult, context: FormatContext, c: ChalkInstance): string {
  const width = context.width ?? DEFAULT_WIDTH;
  const lines = [`${c.bold(escapeForTerminal(result.domain))}  ${statusBadge(result.status, c)}`];
  // A domain that does not exist publishes nothing: its finding says so, an empty table would not.
  const rows = domainIsAbsent(result.snapshot) ? [] : publishedRows(result.snapshot);
  if (rows.length > 0) {
    const cells = rows.map((row) => [
      row.label,
      shortenKey(escapeForTerminal(row.record)),
      escapeForTerminal(row.facts),
    ]);
    lines.push(fittedTable(cells, { width, min: MIN_COLUMNS }));
  }
  if (result.findings.length === 0) {
    lines.push(c.green("  no findings"));
  }
  for (const finding of result.findings) {
    const prefix = `  ${finding.severity.padEnd(7)} ${finding.rule}  `;
    const message = wrapHanging(escapeForTerminal(finding.message), width, prefix.length, 6);
    lines.push(`  ${severityLabel(finding.severity, c)} ${c.dim(finding.rule)}  ${message}`);
    // A rule that failed has no remediation to offer: its finding is about mailaudit, not DNS.
    const remediation =
      finding.messageId === RULE_FAILED ? undefined : context.rules.get(finding.rule)?.remediation;
    if (remediation) lines.push(c.dim(`      fix: ${wrapHanging(remediation, width, 11, 11)}`));
    if (finding.suggestion)
      lines.push(
        c.dim(`      suggested: ${wrapHanging(escapeForTerminal(finding.suggestion), width, 17, 17)}`),
      );
  }
  return `${lines.join("\n")}\n`;
}

function shortenKey(record: string): string {
  return record.replace(LONG_KEY, (whole, start: string) => `p=${start}…(${whole.length - 2} characters)`);
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
