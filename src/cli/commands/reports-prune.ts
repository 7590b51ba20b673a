import { EXIT } from "../../engine/exit-code.js";
import { defaultStorePath } from "../../store/default-path.js";
import { openReportStore } from "../../store/open-report-store.js";
import { dbOption } from "../common-options.js";
import { defineCommand, requiredTextOption } from "../define-command.js";
import { writeOut } from "../output.js";
import { parseSince } from "./reports-options.js";

/** `mailaudit reports prune --before <date>`: retention; deletes reports whose period ended before the date. */
export default defineCommand({
  name: "prune",
  description: "delete stored reports whose period ended before a date (retention)",
  arguments: [],
  options: {
    before: requiredTextOption(
      "--before <date>",
      "YYYY-MM-DD, an ISO date-time, or a number of days ago like 400d",
    ),
    db: dbOption,
  },
  async run(flags) {
    const before = parseSince(flags.before, Date.now(), "--before");
    const store = await openReportStore(flags.db ?? defaultStorePath(), "existing");
    try {
      const pruned = await store.prune(before);
      const date = new Date(before * 1000).toISOString().replace(".000Z", "Z");
      writeOut(`pruned ${pruned} report(s) whose period ended before ${date}\n`);
      return EXIT.ok;
    } finally {
      await store.close();
    }
  },
});
