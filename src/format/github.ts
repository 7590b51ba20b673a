import type { Severity } from "../engine/severity.js";
import type { Finding } from "../engine/types.js";
import { escapeForTerminal } from "./escape.js";
import type { FormatContext, Formatter } from "./types.js";

/**
 * GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` annotation per finding
 * (shown on the run and, with a file and line, on the pull request's diff), then a summary line.
 * The Markdown job summary for $GITHUB_STEP_SUMMARY is written by the command (I/O), from
 * formatMarkdown.
 */
export const formatGithub: Formatter = (report, context) => {
  const lines = report.domains.flatMap((d) => d.findings).map((f) => annotation(f, context));
  const { errors, warnings } = report.summary;
  lines.push(
    `mailaudit: ${report.domains.length} domain(s), ${errors} error(s), ${warnings} warning(s); exit code ${report.exitCode}`,
  );
  return `${lines.join("\n")}\n`;
};

function annotation(finding: Finding, context: FormatContext): string {
  const location = context.locate?.(finding)[0];
  const properties = [
    ...(location ? [`file=${escapeProperty(location.file)}`] : []),
    ...(location?.line === undefined ? [] : [`line=${location.line}`]),
    `title=${escapeProperty(`${finding.rule} (${finding.domain})`)}`,
  ];
  const remediation = context.rules.get(finding.rule)?.remediation;
  const message = [escapeForTerminal(finding.message), ...(remediation ? [`fix: ${remediation}`] : [])].join(
    "\n",
  );
  return `::${command(finding.severity)} ${properties.join(",")}::${escapeData(message)}`;
}

function command(severity: Severity): "error" | "warning" | "notice" {
  return severity === "error" ? "error" : severity === "warning" ? "warning" : "notice";
}

/**
 * The runner's own escaping (actions/toolkit `command.ts`): `%`, CR and LF in the message; in
 * properties also `:` and `,`. Without it a newline in the text would end the command and let the
 * rest of the line be read as another command.
 */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function escapeProperty(text: string): string {
  return escapeData(escapeForTerminal(text)).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
