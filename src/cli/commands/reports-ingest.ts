import { EXIT } from "../../engine/exit-code.js";
import { escapeForTerminal } from "../../format/escape.js";
import { type IngestProgress, ingest } from "../../reports/ingest.js";
import { limitsForMegabytes } from "../../reports/limits.js";
import { defaultStorePath } from "../../store/default-path.js";
import { openReportStore } from "../../store/open-report-store.js";
import { writeOut } from "../output.js";
import { parseMaxSize } from "./reports-options.js";

interface IngestFlags {
  db?: string;
  keepRaw?: boolean;
  maxSize: string;
  progress?: boolean;
}

/** `mailaudit reports ingest`: inputs → store; refused inputs named on stderr, exit 3 (docs/cli.md). */
export async function run(paths: string[], flags: IngestFlags): Promise<number> {
  const limits = limitsForMegabytes(parseMaxSize(flags.maxSize));
  const store = await openReportStore(flags.db ?? defaultStorePath());
  try {
    const showProgress = flags.progress !== false && process.stderr.isTTY === true;
    const result = await ingest(paths, store, process.stdin, {
      limits,
      keepRaw: flags.keepRaw === true,
      ...(showProgress ? { onProgress: progressLine() } : {}),
    });
    for (const { name, reason } of result.refused)
      process.stderr.write(`mailaudit: refused ${escapeForTerminal(name)}: ${escapeForTerminal(reason)}\n`);
    for (const { name, reason } of result.repaired)
      process.stderr.write(`mailaudit: note: ${escapeForTerminal(name)}: ${escapeForTerminal(reason)}\n`);
    writeOut(
      `stored ${result.stored} report(s), ${result.duplicates} already stored, ${result.refused.length} refused\n`,
    );
    return result.refused.length > 0 ? EXIT.inconclusive : EXIT.ok;
  } finally {
    await store.close();
  }
}

/** One self-overwriting stderr line, at most a few times a second (only when stderr is a terminal). */
function progressLine(): (progress: IngestProgress) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    const final = p.current === "";
    if (!final && now - last < 200) return;
    last = now;
    const line = `${p.reportsSeen} report(s): ${p.stored} stored, ${p.duplicates} already stored, ${p.refused} refused`;
    process.stderr.write(`\r\x1b[K${line}${final ? "\n" : ` — ${escapeForTerminal(p.current).slice(-60)}`}`);
  };
}
