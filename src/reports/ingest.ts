import type { ReportStore, ReportTransaction } from "../store/store.js";
import { isStoreFailure, StoreUnavailableError } from "../store/store-error.js";
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
 * never stops the others; each report is its own transaction (ReportTransaction). A store that
 * fails (a lost connection) ends the run: the report in hand is rolled back, those before it stay.
 */
export async function ingest(
  paths: readonly string[],
  store: ReportStore,
  stdin: AsyncIterable<Uint8Array>,
  options: IngestOptions,
): Promise<IngestResult> {
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

  for await (const item of walkInputs(paths, stdin, new Set(store.ownFiles))) {
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
      let transaction: ReportTransaction | "duplicate" | undefined;
      try {
        const outcome = await parseAggregateStream(found.bytes, {
          onHeader: (header) => {
            transaction = store.startReport(header, found.name);
            return transaction === "duplicate" ? "stop" : undefined;
          },
          onRecord: (record) => (transaction as ReportTransaction).add(record),
          afterChunk: async () =>
            typeof transaction === "object" && (await transaction.flush()) === "duplicate"
              ? "stop"
              : undefined,
          ...(raw ? { onText: (text: string) => raw.push(text) } : {}),
        });
        const stored =
          typeof transaction === "object" && !outcome.stopped
            ? await transaction.commit(
                { records: outcome.recordCount, messages: outcome.messageCount },
                raw?.join(""),
              )
            : "duplicate";
        if (stored === "duplicate") {
          result.duplicates++;
          continue;
        }
        result.stored++;
        for (const warning of outcome.warnings) result.repaired.push({ name: found.name, reason: warning });
      } catch (error) {
        if (typeof transaction === "object") await transaction.rollback();
        if (error instanceof StoreUnavailableError) throw error.afterStoring(result.stored);
        if (isStoreFailure(error)) throw error;
        result.refused.push({ name: found.name, reason: refusalReason(error) });
      }
    }
  }
  progress("");
  return result;
}
