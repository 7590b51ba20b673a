import { createReadStream } from "node:fs";
import { EXIT } from "../../engine/exit-code.js";
import { InputError } from "../../errors.js";
import { limitsForMegabytes } from "../../reports/limits.js";
import { refusalReason } from "../../reports/refusal.js";
import { REPORT_FORMATTERS } from "../../reports/report-format.js";
import { formatOption, maxSizeOption } from "../common-options.js";
import { defineCommand, requiredArgument } from "../define-command.js";
import { writeData, writeOut } from "../output.js";
import { parseMaxSize } from "./reports-options.js";

/** `mailaudit reports parse <file>`: the first report in one input, normalized; no store. */
export default defineCommand({
  name: "parse",
  description: "print one report, normalized, without storing it",
  arguments: [requiredArgument("file", "report file (xml, gz, zip, eml) or - for stdin")],
  options: {
    format: formatOption(["json", "csv"], "json"),
    maxSize: maxSizeOption,
  },
  async run(file, flags) {
    // The report readers (XML, zip, gzip, MIME) load only here: the other `reports` commands share this group.
    const [{ parseAggregateReport }, { extractReports }] = await Promise.all([
      import("../../reports/aggregate-parser.js"),
      import("../../reports/extract.js"),
    ]);
    const limits = limitsForMegabytes(parseMaxSize(flags.maxSize));
    const input =
      file === "-"
        ? { name: "-", chunks: process.stdin }
        : { name: file, path: file, chunks: createReadStream(file) };
    for await (const found of extractReports(input, limits)) {
      if (found.kind === "refused") throw new InputError(`${found.name}: ${found.reason}`);
      try {
        const text = REPORT_FORMATTERS[flags.format](await parseAggregateReport(found.bytes));
        if (flags.format === "csv") writeData(text);
        else writeOut(text);
      } catch (error) {
        throw new InputError(`${found.name}: ${refusalReason(error)}`);
      }
      return EXIT.ok;
    }
    throw new InputError(`${file}: no DMARC report found`);
  },
});
