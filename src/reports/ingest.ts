import type { ReportStore } from "../store/store.js";
import { extractReports } from "./extract.js";
import { walkInputs } from "./inputs.js";
import type { ReadLimits } from "./limits.js";
import { type IngestResult, ReportSink } from "./report-sink.js";

export interface IngestOptions {
  limits: ReadLimits;
  /** Keep each report's XML text in the store (off by default: reports name people's mail servers). */
  keepRaw: boolean;
  onProgress?(progress: IngestProgress): void;
  /** Adds to this sink's totals (a run that also reads mailboxes); a new one otherwise. */
  sink?: ReportSink;
}

export interface IngestProgress {
  reportsSeen: number;
  stored: number;
  duplicates: number;
  refused: number;
  current: string;
}

export type { IngestResult, NamedReason } from "./report-sink.js";

/**
 * Reads every input, stores each report it holds once, and collects what was refused. One bad input
 * never stops the others; each report is its own transaction (ReportTransaction). A store that
 * fails (a lost connection) ends the run: the report in hand is rolled back, those before it stay.
 */
export async function ingest(
  paths: readonly string[],
  store: ReportStore,
  stdin: AsyncIterable<Uint8Array>,
  options: IngestOptions,
): Promise<IngestResult> {
  const sink = options.sink ?? new ReportSink(store, options.keepRaw);
  const result = sink.result;
  const progress = (current: string) =>
    options.onProgress?.({
      reportsSeen: sink.reportsSeen,
      stored: result.stored,
      duplicates: result.duplicates,
      refused: result.refused.length,
      current,
    });
  sink.onReport = progress;

  for await (const item of walkInputs(paths, stdin, new Set(store.ownFiles))) {
    if (item.kind === "unreadable") {
      sink.refuse(item.name, item.reason);
      continue;
    }
    for await (const found of extractReports(item.input, options.limits)) {
      await sink.take(found);
    }
  }
  progress("");
  return result;
}
