import type { ImapFlow } from "imapflow";
import { isStoreFailure } from "../store/store-error.js";
import { describeImapFailure, isPermanent } from "./imap-error.js";
import type { MailboxUrl } from "./mailbox-url.js";

/** Back-off between reconnection attempts: 1 s, doubling, at most a minute. */
const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 60_000;

export interface WatchOptions {
  url: MailboxUrl;
  open(): Promise<ImapFlow>;
  /** Reads what is new; called on connecting and whenever the server announces new mail. */
  catchUp(client: ImapFlow): Promise<void>;
  /** Resolves on SIGTERM: the watch ends after the message in hand. */
  stopped: Promise<void>;
  isStopped(): boolean;
  onRetry?(reason: string, delayMs: number): void;
}

/**
 * `--watch`: keeps one connection, reads what is new, then waits in IMAP IDLE (RFC 2177) until the
 * server announces mail. A dropped connection is retried with back-off; a refused login or a missing
 * folder ends the watch (exit 2), since retrying cannot fix them. The first connection is made by the
 * caller's first `open()`: when that fails, the watch ends at once as a one-shot run would.
 */
export async function watchMailbox(options: WatchOptions): Promise<void> {
  let delay = FIRST_DELAY_MS;
  let connected = false;
  while (!options.isStopped()) {
    let client: ImapFlow | undefined;
    try {
      client = await options.open();
      connected = true;
      delay = FIRST_DELAY_MS;
      // Mail announced while a catch-up runs (as an untagged EXISTS beside its FETCH) is not announced
      // again once IDLE starts: remember it, and read again at once instead of idling.
      const news = { arrived: false, wake: () => {} };
      client.on("exists", () => {
        news.arrived = true;
        news.wake();
      });
      while (!options.isStopped()) {
        news.arrived = false;
        await options.catchUp(client);
        if (options.isStopped()) break;
        if (!news.arrived) await newMailOrEnd(client, news, options.stopped);
        if (!client.usable) throw new Error("the server closed the connection");
      }
      await client.logout().catch(() => client?.close());
      return;
    } catch (error) {
      client?.close();
      if (isStoreFailure(error)) throw error;
      const failure = describeImapFailure(error, options.url);
      if (!connected || isPermanent(failure)) throw failure;
      if (options.isStopped()) return;
      options.onRetry?.(failure.message, delay);
      await sleepUnlessStopped(delay, options.stopped);
      delay = Math.min(delay * 2, MAX_DELAY_MS);
    }
  }
}

/** Idles until the server reports new messages (EXISTS), the connection closes, or a stop. */
function newMailOrEnd(client: ImapFlow, news: { wake: () => void }, stopped: Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const finish = () => {
      news.wake = () => {};
      client.off("close", finish);
      resolve();
    };
    news.wake = finish;
    client.on("close", finish);
    void stopped.then(finish);
    // idle() resolves when IDLE ends; the next command (the catch-up's SEARCH) ends it for us.
    client.idle().catch(finish);
  });
}

function sleepUnlessStopped(ms: number, stopped: Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void stopped.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
