import type { DomainSnapshot } from "../engine/types.js";
import { escapeForTerminal } from "../format/escape.js";

/**
 * The stderr line `init` and `snapshot` print after an `--offline` run (they print no findings, so
 * rule `dns/assumed-absent` would go unseen): which names were taken as non-existent, each once.
 */
export function assumedAbsentNote(snapshots: readonly DomainSnapshot[]): string | undefined {
  const names = [...new Set(snapshots.flatMap((s) => s.assumedAbsent ?? []))].sort();
  if (names.length === 0) return undefined;
  return `mailaudit: note: --offline: taken as non-existent without asking DNS (outside every --zone): ${escapeForTerminal(names.join(", "))}\n`;
}
