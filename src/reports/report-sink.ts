import type { ReportStore, ReportTransaction } from "../store/store.js";
import { isStoreFailure, StoreUnavailableError } from "../store/store-error.js";
import { parseAggregateStream } from "./aggregate-parser.js";
import { digestBytes } from "./content-digest.js";
import type { Extracted } from "./extract.js";
import { refusalReason } from "./refusal.js";
import type { ReportHeader } from "./types.js";

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
  /**
   * Reports whose identity was stored already from another input whose content differs (a reporter
   * that reused a report id, a corrected re-send): the first is kept, and both are named.
   */
  differing: DifferingDuplicate[];
}

export interface DifferingDuplicate {
  /** The input read now (not stored). */
  name: string;
  /** The input the stored copy came from. */
  stored: string;
  /** Which report: its reporter, report id and policy domain. */
  identity: string;
}

export type ReportOutcome = "stored" | "duplicate" | "refused";

/**
 * Stores extracted reports, one transaction each (ReportTransaction), and keeps the run's totals.
 * Files and mailboxes feed the same sink, so both go through the same parser, limits and identity
 * check. A refusal is a value; a store that fails (a lost connection) throws and ends the run: the
 * report in hand is rolled back, those before it stay, and a mailbox message in hand is not done.
 */
export class ReportSink {
  readonly result: IngestResult = { stored: 0, duplicates: 0, refused: [], repaired: [], differing: [] };
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
    let header: ReportHeader | undefined;
    const content = digestBytes(found.bytes);
    try {
      const outcome = await parseAggregateStream(content.bytes, {
        onHeader: (read) => {
          header = read;
          transaction = store.startReport(read, found.name);
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
              {
                records: outcome.recordCount,
                messages: outcome.messageCount,
                contentSha256: await content.digest(),
              },
              raw?.join(""),
            )
          : "duplicate";
      if (stored === "duplicate") {
        result.duplicates++;
        if (header) await this.#noteIfDifferent(header, await content.digest(), found.name);
        return "duplicate";
      }
      result.stored++;
      for (const warning of outcome.warnings) result.repaired.push({ name: found.name, reason: warning });
      return "stored";
    } catch (error) {
      await content.abandon();
      if (typeof transaction === "object") await transaction.rollback();
      if (error instanceof StoreUnavailableError) throw error.afterStoring(result.stored);
      if (isStoreFailure(error)) throw error;
      return this.refuse(found.name, refusalReason(error));
    }
  }

  /** Names a duplicate whose content is not the stored copy's (the stored one stays). */
  async #noteIfDifferent(header: ReportHeader, contentSha256: string, name: string): Promise<void> {
    const { metadata: m, policy: p } = header;
    const [stored] = await this.#store.select(
      "SELECT source, content_sha256 FROM reports WHERE org_name = ? AND report_id = ? AND policy_domain = ? AND begin_ts = ? AND end_ts = ?",
      [m.orgName, m.reportId, p.domain, m.begin, m.end],
    );
    // A copy stored before digests were kept has none: nothing can be said about it.
    if (!stored?.content_sha256 || stored.content_sha256 === contentSha256) return;
    const identity = `report ${m.reportId} from ${m.orgName || "(no org_name)"} for ${p.domain}`;
    this.result.differing.push({ name, stored: String(stored.source), identity });
  }
}
