import { existsSync } from "node:fs";
import { COMMON_SELECTOR_NAMES } from "../dkim/common-selectors.js";
import type { ProbeCandidate } from "../dkim/probe.js";
import type { ReportedSelector } from "../dkim/reported.js";
import { escapeForTerminal } from "../format/escape.js";
import { defaultStorePath } from "../store/default-path.js";
import { reportedSelectors } from "../store/reported-selectors.js";

type Reported = ReadonlyMap<string, readonly ReportedSelector[]>;

const BUILT_IN: readonly ProbeCandidate[] = COMMON_SELECTOR_NAMES.map((selector) => ({
  selector,
  from: "built-in" as const,
}));

/**
 * `probeSelectors` for the audit when some target has no DKIM selector (nothing is read otherwise):
 * the built-in list, then the selectors reports saw signing as the domain, from `reported` (what
 * `--reports-db` gave) or else from the default report store.
 */
export async function probing(
  targets: readonly { selectors: readonly string[] }[],
  reported?: Reported,
): Promise<{ probeSelectors?: (domain: string) => ProbeCandidate[] }> {
  if (targets.every((t) => t.selectors.length > 0)) return {};
  const seen = reported ?? (await reportedInDefaultStore());
  return { probeSelectors: (domain) => probeCandidates(domain, seen) };
}

/** The built-in list, then every selector the reports saw sign as `domain` that it lacks. */
export function probeCandidates(domain: string, reported: Reported): ProbeCandidate[] {
  return [
    ...BUILT_IN,
    ...(reported.get(domain) ?? [])
      .filter((r) => !COMMON_SELECTOR_NAMES.includes(r.selector))
      .map((r) => ({ selector: r.selector, from: "reports" as const })),
  ];
}

/**
 * The default store's reported selectors: none, silently, when there is no store; a store that
 * cannot be read is named on stderr and skipped, never a reason to fail the DNS audit.
 */
export async function reportedInDefaultStore(): Promise<Reported> {
  const location = defaultStorePath();
  if (!existsSync(location)) return new Map();
  try {
    return await reportedSelectors(location);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `mailaudit: note: DKIM selectors from stored reports skipped: ${escapeForTerminal(reason)}\n`,
    );
    return new Map();
  }
}
