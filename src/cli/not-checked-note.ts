import { describeUnchecked } from "../dns/unchecked-record.js";
import type { DomainSnapshot } from "../engine/types.js";
import { escapeForTerminal } from "../format/escape.js";

/**
 * The stderr line `init` prints when a `--zone` input held records without their data (it prints no
 * findings, so rule `dns/not-checked` would go unseen): what it could not declare, each once.
 */
export function notCheckedNote(snapshots: readonly DomainSnapshot[]): string | undefined {
  const records = [...new Set(snapshots.flatMap((s) => (s.notChecked ?? []).map(describeUnchecked)))].sort();
  if (records.length === 0) return undefined;
  return `mailaudit: note: not checked (the --zone input does not hold their data), so not declared: ${escapeForTerminal(records.join("; "))}\n`;
}
