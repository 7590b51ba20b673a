import type { AuditReport } from "../audit/audit.js";
import type { FailOn } from "../engine/severity.js";
import type { Finding, RuleMeta } from "../engine/types.js";

export const FORMATS = ["table", "json", "sarif", "junit", "github", "markdown", "html"] as const;

/** Columns human formats fit in when the output is no terminal (a file, a pipe, a CI log). */
export const DEFAULT_WIDTH = 100;
export type Format = (typeof FORMATS)[number];

export interface FormatContext {
  /** Whether ANSI colour may be used (a TTY, no NO_COLOR, no --no-color). */
  color: boolean;
  /** Columns the human formats fit in (the terminal's width); DEFAULT_WIDTH when absent. */
  width?: number;
  /** Rule metadata by id, for formats that describe rules (SARIF, tables with remediation). */
  rules: ReadonlyMap<string, RuleMeta>;
  /**
   * Where a finding's cause is written down (its key in the config file, the zone file that holds
   * the domain), for formats that point at files (SARIF, GitHub annotations). Optional.
   */
  locate?: (finding: Finding) => SourceLocation[];
  /** The run's fail level (default "error"): JUnit marks findings at or above it as failures. */
  failOn?: FailOn;
  /** mailaudit's version, for formats that name the tool (SARIF). */
  toolVersion?: string;
}

export interface SourceLocation {
  /** Path as given by the user (relative paths stay relative, as CI annotations expect). */
  file: string;
  /** 1-based; absent when only the file is known. */
  line?: number;
}

/** Formatters are pure: report in, text out; the CLI decides where the text goes. */
export type Formatter = (report: AuditReport, context: FormatContext) => string;
