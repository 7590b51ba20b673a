import type { ReportStore, ReportTransaction } from "../store/store.js";
import { isStoreFailure, StoreUnavailableError } from "../store/store-error.js";
import { parseAggregateStream } from "./aggregate-parser.js";
import type { Extracted } from "./extract.js";
import { refusalReason } from "./refusal.js";

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

export type ReportOutcome = "stored" | "duplicate" | "refused";

/**
 * Stores extracted reports, one transaction each (ReportTransaction), and keeps the run's totals.
 * Files and mailboxes feed the same sink, so both go through the same parser, limits and identity
 * check. A refusal is a value; a store that fails (a lost connection) throws and ends the run: the
 * report in hand is rolled back, those before it stay, and a mailbox message in hand is not done.
 */
export class ReportSink {
  readonly result: IngestResult = { stored: 0, duplicates: 0, refused: [], repaired: [] };
  reportsSeen = 0;
  /** Told of each report as its reading starts (progress lines). */
  onReport: ((name: string) => void) | undefined;
  readonly #store: ReportStore;
  readonly #keepRaw: boolean;

  constructor(store: ReportStore, keepRaw: boolean) {
    this.#store = store;
    this.#keepRaw = keepRaw;
  }

  refuse(name: string, reason: string): "refused" {
    this.result.refused.push({ name, reason });
    return "refused";
  }

  async take(found: Extracted): Promise<ReportOutcome> {
    if (found.kind === "refused") return this.refuse(found.name, found.reason);
    this.reportsSeen++;
    this.onReport?.(found.name);
    const store = this.#store;
    const result = this.result;
    const raw: string[] | undefined = this.#keepRaw ? [] : undefined;
    let transaction: ReportTransaction | "duplicate" | undefined;
    try {
      const outcome = await parseAggregateStream(found.bytes, {
        onHeader: (header) => {
          transaction = store.startReport(header, found.name);
          return transaction === "duplicate" ? "stop" : undefined;
        },
        onRecord: (record) => (transaction as ReportTransaction).add(record),
        afterChunk: async () =>
          typeof transaction === "object" && (await transaction.flush()) === "duplicate" ? "stop" : undefined,
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
        return "duplicate";
      }
      result.stored++;
      for (const warning of outcome.warnings) result.repaired.push({ name: found.name, reason: warning });
      return "stored";
    } catch (error) {
      if (typeof transaction === "object") await transaction.rollback();
      if (error instanceof StoreUnavailableError) throw error.afterStoring(result.stored);
      if (isStoreFailure(error)) throw error;
      return this.refuse(found.name, refusalReason(error));
    }
  }
}
