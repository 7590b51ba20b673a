import type { AuditReport } from "../audit/audit.js";
import type { RuleMeta } from "../engine/types.js";

export const FORMATS = ["table", "json", "sarif", "junit", "github", "markdown"] as const;
export type Format = (typeof FORMATS)[number];

export interface FormatContext {
  /** Whether ANSI colour may be used (a TTY, no NO_COLOR, no --no-color). */
  color: boolean;
  /** Rule metadata by id, for formats that describe rules (SARIF, tables with remediation). */
  rules: ReadonlyMap<string, RuleMeta>;
}

/** Formatters are pure: report in, text out (ARCHITECTURE.md §1.5). */
export type Formatter = (report: AuditReport, context: FormatContext) => string;
