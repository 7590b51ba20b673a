export const SEVERITIES = ["error", "warning", "notice", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];
/** What config and profiles may set a rule to. */
export type SeveritySetting = Severity | "off";
export const SEVERITY_SETTINGS = [...SEVERITIES, "off"] as const satisfies readonly SeveritySetting[];

/** `--fail-on` levels: findings at or above the level fail the run; `never` never does. */
export type FailOn = "error" | "warning" | "notice" | "info" | "never";
export const FAIL_ON_LEVELS = [
  "error",
  "warning",
  "notice",
  "info",
  "never",
] as const satisfies readonly FailOn[];

const RANK = { error: 4, warning: 3, notice: 2, info: 1 } as const satisfies Record<Severity, number>;

export function isAtOrAbove(severity: Severity, failOn: FailOn): boolean {
  return failOn !== "never" && RANK[severity] >= RANK[failOn];
}
