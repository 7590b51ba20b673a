import type { ReadLimits } from "../reports/limits.js";
import type { ReportSink } from "../reports/report-sink.js";
import type { ReportStore } from "../store/store.js";
import { type ConnectOptions, openMailbox } from "./connect.js";
import type { MailboxUrl } from "./mailbox-url.js";
import { type MailboxProgress, type MailboxTotals, readMailbox } from "./read-mailbox.js";
import { watchMailbox } from "./watch.js";

/** SIGTERM, as a flag to poll and a promise to race (set once by the command). */
export interface StopSignal {
  readonly stopped: Promise<void>;
  isStopped(): boolean;
}

export interface MailboxInputOptions extends ConnectOptions {
  store: ReportStore;
  sink: ReportSink;
  limits: ReadLimits;
  moveTo?: string;
  watch: boolean;
  stop: StopSignal;
  onProgress?(url: MailboxUrl, progress: MailboxProgress): void;
  /** After each catch-up that read something (in --watch, one per arrival). */
  onCatchUp?(url: MailboxUrl, totals: MailboxTotals): void;
  onRetry?(reason: string, delayMs: number): void;
}

/**
 * One `imaps://` input: connect, read what is new, log out; with `--watch`, keep reading as mail
 * arrives until stopped. Totals add up over the whole run (every catch-up of a watch).
 */
export async function readMailboxInput(
  url: MailboxUrl,
  options: MailboxInputOptions,
): Promise<MailboxTotals> {
  const totals: MailboxTotals = { read: 0, withoutReport: 0, moved: 0, uidValidityChanged: false };
  const catchUp = async (client: Parameters<typeof readMailbox>[0]) => {
    const round = await readMailbox(client, url, options.store, options.sink, {
      limits: options.limits,
      ...(options.moveTo !== undefined ? { moveTo: options.moveTo } : {}),
      shouldStop: () => options.stop.isStopped(),
      ...(options.onProgress ? { onProgress: (p: MailboxProgress) => options.onProgress?.(url, p) } : {}),
    });
    totals.read += round.read;
    totals.withoutReport += round.withoutReport;
    totals.moved += round.moved;
    totals.uidValidityChanged ||= round.uidValidityChanged;
    if (round.read > 0 || round.moved > 0) options.onCatchUp?.(url, round);
  };
  const open = () => openMailbox(url, options);
  if (options.watch) {
    await watchMailbox({
      url,
      open,
      catchUp,
      stopped: options.stop.stopped,
      isStopped: () => options.stop.isStopped(),
      ...(options.onRetry ? { onRetry: options.onRetry } : {}),
    });
    return totals;
  }
  const client = await open();
  try {
    await catchUp(client);
  } finally {
    await client.logout().catch(() => client.close());
  }
  return totals;
}
