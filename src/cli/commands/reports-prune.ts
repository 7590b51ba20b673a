import { EXIT } from "../../engine/exit-code.js";
import { defaultStorePath } from "../../store/default-path.js";
import { openReportStore } from "../../store/open-report-store.js";
import { writeOut } from "../output.js";
import { parseSince } from "./reports-options.js";

interface PruneFlags {
  db?: string;
  before: string;
}

/** `mailaudit reports prune --before <date>`: retention; deletes reports whose period ended before the date. */
export async function run(flags: PruneFlags): Promise<number> {
  const before = parseSince(flags.before, Date.now(), "--before");
  const store = await openReportStore(flags.db ?? defaultStorePath());
  try {
    const pruned = await store.prune(before);
    const date = new Date(before * 1000).toISOString().replace(".000Z", "Z");
    writeOut(`pruned ${pruned} report(s) whose period ended before ${date}\n`);
    return EXIT.ok;
  } finally {
    await store.close();
  }
}
