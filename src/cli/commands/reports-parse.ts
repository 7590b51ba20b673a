import { createReadStream } from "node:fs";
import { parseAggregateReport } from "../../reports/aggregate-parser.js";
import { extractReports } from "../../reports/extract.js";
import { limitsForMegabytes } from "../../reports/limits.js";
import { refusalReason } from "../../reports/refusal.js";
import { REPORT_FORMATTERS } from "../../reports/report-format.js";
import { InputError } from "../errors.js";
import { writeData, writeOut } from "../output.js";
import { parseMaxSize } from "./reports-options.js";

interface ParseFlags {
  format: keyof typeof REPORT_FORMATTERS;
  maxSize: string;
}

/** `mailaudit reports parse <file>`: the first report in one input, normalized; no store. */
export async function run(file: string, flags: ParseFlags): Promise<number> {
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
    return 0;
  }
  throw new InputError(`${file}: no DMARC report found`);
}
