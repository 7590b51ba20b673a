import type { DatabaseSync } from "node:sqlite";
import { ReportWriter } from "../store/report-writer.js";
import { parseAggregateStream } from "./aggregate-parser.js";
import { extractReports } from "./extract.js";
import { walkInputs } from "./inputs.js";
import type { ReadLimits } from "./limits.js";
import { refusalReason } from "./refusal.js";

export interface IngestOptions {
  limits: ReadLimits;
  /** Keep each report's XML text in the store (off by default: reports name people's mail servers). */
  keepRaw: boolean;
  onProgress?(progress: IngestProgress): void;
  /** Absolute paths never read as inputs (the store and its -wal/-shm files). */
  skipPaths?: ReadonlySet<string>;
}

export interface IngestProgress {
  reportsSeen: number;
  stored: number;
  duplicates: number;
  refused: number;
  current: string;
}

export interface NamedReason {
  name: string;
  reason: string;
}

export interface IngestResult {
  stored: number;
  /** Reports whose identity was stored already (read, not counted again). */
  duplicates: number;
  refused: NamedReason[];
  /** Reports stored after a documented repair (docs/reports.md). */
  repaired: NamedReason[];
}

/**
 * Reads every input, stores each report it holds once, and collects what was refused. One bad input
 * never stops the others; each report is its own transaction (ReportWriter).
 */
export async function ingest(
  paths: readonly string[],
  db: DatabaseSync,
  stdin: AsyncIterable<Uint8Array>,
  options: IngestOptions,
): Promise<IngestResult> {
  const writer = new ReportWriter(db);
  const result: IngestResult = { stored: 0, duplicates: 0, refused: [], repaired: [] };
  let reportsSeen = 0;
  const progress = (current: string) =>
    options.onProgress?.({
      reportsSeen,
      stored: result.stored,
      duplicates: result.duplicates,
      refused: result.refused.length,
      current,
    });

  for await (const item of walkInputs(paths, stdin, options.skipPaths)) {
    if (item.kind === "unreadable") {
      result.refused.push({ name: item.name, reason: item.reason });
      continue;
    }
    for await (const found of extractReports(item.input, options.limits)) {
      if (found.kind === "refused") {
        result.refused.push({ name: found.name, reason: found.reason });
        continue;
      }
      reportsSeen++;
      progress(found.name);
      const raw: string[] | undefined = options.keepRaw ? [] : undefined;
      let verdict: "new" | "duplicate" | undefined;
      try {
        const outcome = await parseAggregateStream(found.bytes, {
          onHeader: (header) => {
            verdict = writer.begin(header, found.name);
            return verdict === "duplicate" ? "stop" : undefined;
          },
          onRecord: (record) => writer.record(record),
          ...(raw ? { onText: (text: string) => raw.push(text) } : {}),
        });
        if (verdict === "duplicate") {
          result.duplicates++;
          continue;
        }
        writer.commit(outcome.recordCount, outcome.messageCount, raw?.join(""));
        result.stored++;
        for (const warning of outcome.warnings) result.repaired.push({ name: found.name, reason: warning });
      } catch (error) {
        writer.rollback();
        result.refused.push({ name: found.name, reason: refusalReason(error) });
      }
    }
  }
  progress("");
  return result;
}
