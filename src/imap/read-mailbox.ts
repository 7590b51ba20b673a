import type { ImapFlow } from "imapflow";
import { EXIT } from "../engine/exit-code.js";
import { once } from "../reports/byte-streams.js";
import { extractReports } from "../reports/extract.js";
import { formatMegabytes, type ReadLimits } from "../reports/limits.js";
import type { ReportSink } from "../reports/report-sink.js";
import type { ReportStore } from "../store/store.js";
import { isStoreFailure } from "../store/store-error.js";
import { describeImapFailure, ImapError } from "./imap-error.js";
import type { MailboxUrl } from "./mailbox-url.js";

/** UIDs per round: one size FETCH, body FETCHes, one MOVE and one cursor update each. */
const BATCH = 250;
/** Most message bytes asked for in one body FETCH (a single larger message is fetched alone). */
const FETCH_BYTES = 4 * 1024 * 1024;

export interface ReadMailboxOptions {
  limits: ReadLimits;
  /** Move each message whose reports are all stored or refused for good here (created if missing). */
  moveTo?: string;
  /** Polled after each message: true ends the run once the message in hand is done (SIGTERM). */
  shouldStop(): boolean;
  onProgress?(progress: MailboxProgress): void;
}

export interface MailboxProgress {
  read: number;
  total: number;
}

export interface MailboxTotals {
  /** Messages fetched and read (each at most once per run). */
  read: number;
  /** Messages with no report in them: left where they are (counted, never moved). */
  withoutReport: number;
  moved: number;
  /** The folder's UIDVALIDITY differed from the stored cursor's: it was read again from the start. */
  uidValidityChanged: boolean;
}

/**
 * Reads the messages of the selected folder that the cursor has not seen, oldest first, through the
 * same extraction, limits and parser as files (ReportSink). Per message, in this order: its reports
 * are stored (each its own transaction), then it is moved, then the cursor passes it. A crash between
 * any two steps loses nothing: the next run reads the message again, and report identity stores
 * nothing twice.
 */
export async function readMailbox(
  client: ImapFlow,
  url: MailboxUrl,
  store: ReportStore,
  sink: ReportSink,
  options: ReadMailboxOptions,
): Promise<MailboxTotals> {
  const totals: MailboxTotals = { read: 0, withoutReport: 0, moved: 0, uidValidityChanged: false };
  try {
    const mailbox = client.mailbox;
    if (!mailbox) throw new Error("no folder selected");
    const uidValidity = Number(mailbox.uidValidity);
    const cursor = await store.readImapCursor(url.account, url.folder);
    totals.uidValidityChanged = cursor !== undefined && cursor.uidValidity !== uidValidity;
    const after = cursor && !totals.uidValidityChanged ? cursor.lastUid : 0;
    // `n:*` always matches the highest UID, even below n (RFC 9051 §6.4.8): filter.
    const found = await client.search({ uid: `${after + 1}:*` }, { uid: true });
    const uids = (found || []).filter((uid) => uid > after).sort((a, b) => a - b);
    const progress = { read: 0, total: uids.length };
    options.onProgress?.(progress);
    if (uids.length > 0 && options.moveTo !== undefined) await ensureFolder(client, options.moveTo);

    for (let at = 0; at < uids.length && !options.shouldStop(); at += BATCH) {
      const batch = uids.slice(at, at + BATCH);
      const outcome = await readBatch(client, url, sink, batch, options, totals, progress);
      if (outcome.toMove.length > 0 && options.moveTo !== undefined) {
        await moveOrThrow(client, url, outcome.toMove, options.moveTo);
        totals.moved += outcome.toMove.length;
      }
      if (outcome.doneUpTo > 0)
        await store.saveImapCursor(url.account, url.folder, { uidValidity, lastUid: outcome.doneUpTo });
      if (outcome.stopped) break;
    }
    return totals;
  } catch (error) {
    // The store's own failure (exit 3, or 2 for a wrong --db) is not the mailbox's: passed on as it is.
    if (isStoreFailure(error)) throw error;
    throw describeImapFailure(error, url);
  }
}

/**
 * Moves the messages, or throws before the cursor may pass them. imapflow reports a failed MOVE (the
 * server said NO, or the connection dropped while it ran) by returning false, not by throwing: taken
 * as done, the cursor would pass messages still in the folder and no later run would move them.
 * Thrown, the messages are read again after the reconnection (report identity stores nothing twice)
 * and moved then.
 */
async function moveOrThrow(client: ImapFlow, url: MailboxUrl, uids: number[], folder: string): Promise<void> {
  const moved = await client.messageMove(uids.join(","), folder, { uid: true });
  if (!moved)
    throw new ImapError(
      `${url.text}: moving ${uids.length} message(s) to ${folder} failed${client.usable ? "" : " (connection lost)"}; they stay and are read again on the next run`,
      EXIT.inconclusive,
    );
}

interface BatchOutcome {
  /** Every message of the batch up to this UID is done (0: none). */
  doneUpTo: number;
  toMove: number[];
  stopped: boolean;
}

async function readBatch(
  client: ImapFlow,
  url: MailboxUrl,
  sink: ReportSink,
  batch: number[],
  options: ReadMailboxOptions,
  totals: MailboxTotals,
  progress: MailboxProgress,
): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { doneUpTo: 0, toMove: [], stopped: false };
  // Sizes first, so a message over --max-size is refused without being downloaded.
  const small: number[] = [];
  const sizes = new Map<number, number>();
  for await (const message of client.fetch(batch.join(","), { uid: true, size: true }, { uid: true })) {
    sizes.set(message.uid, message.size ?? 0);
  }
  for (const uid of batch) {
    const size = sizes.get(uid);
    if (size === undefined) continue; // expunged meanwhile by someone else
    if (size > options.limits.maxBytes) {
      sink.refuse(
        messageName(url, uid),
        `e-mail exceeds the size limit of ${formatMegabytes(options.limits.maxBytes)} (--max-size)`,
      );
      outcome.toMove.push(uid);
    } else {
      small.push(uid);
    }
  }
  let lastHandled = 0;
  fetching: for (const chunk of byBytes(small, sizes, FETCH_BYTES)) {
    // imapflow hands a message to this loop only when the previous one is done, but it reads the
    // socket ahead: a FETCH of at most FETCH_BYTES (or one message) bounds what can pile up.
    for await (const message of client.fetch(chunk.join(","), { uid: true, source: true }, { uid: true })) {
      // A store failure throws out of here: this message is not done, so neither moved nor passed.
      const source = message.source ?? Buffer.alloc(0);
      const verdict = await readMessage(url, message.uid, source, sink, options.limits);
      totals.read++;
      progress.read++;
      options.onProgress?.(progress);
      if (verdict === "no-report") totals.withoutReport++;
      else outcome.toMove.push(message.uid);
      lastHandled = message.uid;
      if (options.shouldStop()) {
        outcome.stopped = true;
        break fetching;
      }
    }
  }
  const finished = !outcome.stopped;
  // The oversize ones are done too; a message the server no longer has is done by definition.
  outcome.doneUpTo = finished ? (batch.at(-1) ?? 0) : doneBefore(batch, small, lastHandled);
  outcome.toMove.sort((a, b) => a - b);
  if (!finished) outcome.toMove = outcome.toMove.filter((uid) => uid <= outcome.doneUpTo);
  return outcome;
}

/** Consecutive groups of UIDs whose sizes add up to at most `limit` (or one message each, if larger). */
function byBytes(uids: number[], sizes: ReadonlyMap<number, number>, limit: number): number[][] {
  const groups: number[][] = [];
  let group: number[] = [];
  let bytes = 0;
  for (const uid of uids) {
    const size = sizes.get(uid) ?? 0;
    if (group.length > 0 && bytes + size > limit) {
      groups.push(group);
      group = [];
      bytes = 0;
    }
    group.push(uid);
    bytes += size;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

/** When the batch ended early: every UID before the first body not read is done. */
function doneBefore(batch: number[], small: number[], lastHandled: number): number {
  const firstUnread = small.find((uid) => uid > lastHandled);
  if (firstUnread === undefined) return batch.at(-1) ?? 0;
  const before = batch.filter((uid) => uid < firstUnread);
  return before.at(-1) ?? 0;
}

type MessageVerdict = "reports" | "no-report";

async function readMessage(
  url: MailboxUrl,
  uid: number,
  source: Buffer,
  sink: ReportSink,
  limits: ReadLimits,
): Promise<MessageVerdict> {
  let verdict: MessageVerdict = "reports";
  for await (const found of extractReports({ name: messageName(url, uid), chunks: once(source) }, limits)) {
    if (found.kind === "refused" && found.noReport) {
      verdict = "no-report";
      continue;
    }
    await sink.take(found);
  }
  return verdict;
}

/** RFC 5092's form for one message: `imaps://user@host/INBOX/;UID=42`. */
export function messageName(url: MailboxUrl, uid: number): string {
  return `${url.text.replace(/\/+$/, "")}/;UID=${uid}`;
}

async function ensureFolder(client: ImapFlow, folder: string): Promise<void> {
  const list = await client.list();
  if (list.some((entry) => entry.path === folder)) return;
  await client.mailboxCreate(folder);
}
