import { type FailOn, isAtOrAbove } from "./severity.js";
import type { Finding } from "./types.js";

export const EXIT = { ok: 0, findings: 1, usage: 2, inconclusive: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export type DomainStatus = "pass" | "fail" | "inconclusive";

/** A definite failure wins over "could not tell": retrying cannot fix it (docs/cli.md). */
export function domainStatus(
  findings: readonly Finding[],
  inconclusive: boolean,
  failOn: FailOn,
): DomainStatus {
  if (findings.some((f) => isAtOrAbove(f.severity, failOn))) return "fail";
  return inconclusive ? "inconclusive" : "pass";
}

export function exitCodeFor(statuses: readonly DomainStatus[]): ExitCode {
  if (statuses.includes("fail")) return EXIT.findings;
  if (statuses.includes("inconclusive")) return EXIT.inconclusive;
  return EXIT.ok;
}
