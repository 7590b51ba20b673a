import { EXIT, type ExitCode } from "../../engine/exit-code.js";
import { MailauditError, UsageError } from "../../errors.js";
import { escapeForTerminal } from "../../format/escape.js";
import type { ImapCredentials } from "../../imap/credentials.js";
import type { MailboxInputOptions, StopSignal } from "../../imap/mailbox-input.js";
import type { MailboxUrl } from "../../imap/mailbox-url.js";
import { isMailboxUrl, parseMailboxUrl } from "../../imap/mailbox-url.js";
import type { MailboxTotals } from "../../imap/read-mailbox.js";
import type { IngestProgress } from "../../reports/ingest.js";
import { limitsForMegabytes } from "../../reports/limits.js";
import type { DifferingDuplicate, ReportSink } from "../../reports/report-sink.js";
import { defaultStorePath } from "../../store/default-path.js";
import { openReportStore } from "../../store/open-report-store.js";
import { dbOption, maxSizeOption } from "../common-options.js";
import {
  defineCommand,
  negatedOption,
  type OptionValues,
  requiredList,
  switchOption,
  textOption,
} from "../define-command.js";
import { writeOut } from "../output.js";
import { parseMaxSize } from "./reports-options.js";

const options = {
  db: dbOption,
  keepRaw: switchOption("--keep-raw", "keep each report's raw XML in the store"),
  maxSize: maxSizeOption,
  progress: negatedOption("--no-progress", "no progress line on stderr"),
  imapMoveTo: textOption(
    "--imap-move-to <folder>",
    "move each message once its reports are stored (created if missing)",
  ),
  imapCa: textOption("--imap-ca <file>", "trust this CA (PEM) for the IMAP server, beside the system's"),
  imapPasswordFile: textOption(
    "--imap-password-file <file>",
    "read the IMAP password from this file (else MAILAUDIT_IMAP_PASSWORD; MAILAUDIT_IMAP_TOKEN for XOAUTH2)",
  ),
  watch: switchOption(
    "--watch",
    "keep the mailbox open (IMAP IDLE) and ingest mail as it arrives, until SIGTERM",
  ),
};

type IngestFlags = OptionValues<typeof options>;

/**
 * `mailaudit reports ingest`: files and `imaps://` mailboxes → store; refused inputs named on stderr,
 * exit 3 (docs/cli.md); a mailbox that cannot be read is one line with its own exit code.
 */
export default defineCommand({
  name: "ingest",
  description:
    "store aggregate reports from files, .gz, .zip, .eml, mbox, Maildir, folders (- for stdin) or IMAP mailboxes",
  arguments: [requiredList("input", "files, folders, or mailboxes as imaps://user@host[:port]/Folder")],
  options,
  async run(inputs, flags) {
    // The report readers (XML, zip, gzip, MIME) load only here: the other `reports` commands share this group.
    const [{ ingest }, { ReportSink }] = await Promise.all([
      import("../../reports/ingest.js"),
      import("../../reports/report-sink.js"),
    ]);
    const limits = limitsForMegabytes(parseMaxSize(flags.maxSize));
    const mailboxes = inputs.filter(isMailboxUrl).map(parseMailboxUrl);
    const paths = inputs.filter((input) => !isMailboxUrl(input));
    const imap = mailboxes.length > 0 ? await mailboxSettings(mailboxes, flags) : undefined;
    const store = await openReportStore(flags.db ?? defaultStorePath(), "create");
    const showProgress = flags.progress !== false && process.stderr.isTTY === true;
    const sink = new ReportSink(store, flags.keepRaw === true);
    const printer = new RefusalPrinter(sink);
    let exitCode: ExitCode = EXIT.ok;
    const mailTotals: MailboxTotals = { read: 0, withoutReport: 0, moved: 0, uidValidityChanged: false };
    try {
      if (paths.length > 0) {
        await ingest(paths, store, process.stdin, {
          limits,
          keepRaw: flags.keepRaw === true,
          sink,
          ...(showProgress ? { onProgress: progressLine() } : {}),
        });
      }
      for (const url of mailboxes) {
        if (!imap) break;
        try {
          const totals = await imap.read(url, {
            store,
            sink,
            limits,
            ...imap.connect,
            ...(showProgress ? { onProgress: mailboxProgressLine() } : {}),
            ...(flags.watch
              ? {
                  onCatchUp: (at: MailboxUrl, round: MailboxTotals) => {
                    printer.flush();
                    writeOut(`${escapeForTerminal(at.text)}: ${mailboxLine(round)}\n`);
                  },
                }
              : {}),
            onRetry: (reason: string, delayMs: number) =>
              process.stderr.write(
                `mailaudit: ${escapeForTerminal(reason)}; reconnecting in ${Math.round(delayMs / 100) / 10} s\n`,
              ),
          });
          addTotals(mailTotals, totals);
          if (totals.uidValidityChanged)
            process.stderr.write(
              `mailaudit: note: ${escapeForTerminal(url.text)}: UIDVALIDITY changed, so the folder was read again (reports stored before count as already stored)\n`,
            );
        } catch (error) {
          if (!(error instanceof MailauditError)) throw error;
          printer.flush();
          process.stderr.write(`mailaudit: ${escapeForTerminal(error.message)}\n`);
          exitCode = worse(exitCode, error.exitCode);
        }
      }
      printer.flush();
      const result = sink.result;
      const mailPart = mailboxes.length > 0 ? `; ${mailboxLine(mailTotals)}` : "";
      writeOut(
        `stored ${result.stored} report(s), ${result.duplicates} already stored, ${result.refused.length} refused${mailPart}\n`,
      );
      if (result.refused.length > 0) exitCode = worse(exitCode, EXIT.inconclusive);
      // --watch ends on SIGTERM, which is how it is meant to end: exit 0 (refusals were named as they came).
      if (flags.watch && imap?.stop.isStopped() && exitCode === EXIT.inconclusive) exitCode = EXIT.ok;
      return exitCode;
    } finally {
      imap?.release();
      await store.close();
    }
  },
});

/** A usage error (2) beats an inconclusive input (3): a cron job must see the mistake it can fix. */
function worse(a: ExitCode, b: ExitCode): ExitCode {
  if (a === EXIT.usage || b === EXIT.usage) return EXIT.usage;
  return a === EXIT.ok ? b : a;
}

function addTotals(into: MailboxTotals, add: MailboxTotals): void {
  into.read += add.read;
  into.withoutReport += add.withoutReport;
  into.moved += add.moved;
}

function mailboxLine(t: MailboxTotals): string {
  return `${t.read} message(s) read, ${t.withoutReport} without a report (left in place), ${t.moved} moved`;
}

interface ImapSettings {
  connect: {
    credentials: ImapCredentials;
    ca?: string;
    maxMessageBytes: number;
    moveTo?: string;
    watch: boolean;
    stop: StopSignal;
  };
  stop: StopSignal;
  read(url: MailboxUrl, options: MailboxInputOptions): Promise<MailboxTotals>;
  release(): void;
}

/** Checks the IMAP flags and credentials before anything is read, and arms SIGTERM for --watch. */
async function mailboxSettings(mailboxes: MailboxUrl[], flags: IngestFlags): Promise<ImapSettings> {
  if (flags.watch && mailboxes.length !== 1)
    throw new UsageError("--watch reads exactly one imaps:// mailbox (run one mailaudit per mailbox)");
  for (const url of mailboxes) {
    if (flags.imapMoveTo !== undefined && flags.imapMoveTo === url.folder)
      throw new UsageError(`--imap-move-to ${flags.imapMoveTo}: that is the folder being read`);
  }
  const [{ imapCredentials }, { readCaFile }, { readMailboxInput }] = await Promise.all([
    import("../../imap/credentials.js"),
    import("../../imap/connect.js"),
    import("../../imap/mailbox-input.js"),
  ]);
  const credentials = imapCredentials(flags.imapPasswordFile);
  const ca = flags.imapCa !== undefined ? readCaFile(flags.imapCa) : undefined;
  let stopNow: () => void = () => {};
  let stopped = false;
  const stop: StopSignal = {
    stopped: new Promise<void>((resolve) => {
      stopNow = resolve;
    }),
    isStopped: () => stopped,
  };
  const onSignal = () => {
    stopped = true;
    stopNow();
  };
  if (flags.watch) {
    process.on("SIGTERM", onSignal);
    process.on("SIGINT", onSignal);
  }
  return {
    connect: {
      credentials,
      ...(ca !== undefined ? { ca } : {}),
      maxMessageBytes: limitsForMegabytes(parseMaxSize(flags.maxSize)).maxBytes,
      ...(flags.imapMoveTo !== undefined ? { moveTo: flags.imapMoveTo } : {}),
      watch: flags.watch === true,
      stop,
    },
    stop,
    read: readMailboxInput,
    release() {
      process.off("SIGTERM", onSignal);
      process.off("SIGINT", onSignal);
    },
  };
}

/** Names each refusal and repair on stderr once, as they come (a watch runs for days). */
class RefusalPrinter {
  #refused = 0;
  #repaired = 0;
  #differing = 0;
  constructor(readonly sink: ReportSink) {}
  flush(): void {
    const { refused, repaired, differing } = this.sink.result;
    for (; this.#refused < refused.length; this.#refused++) {
      const { name, reason } = refused[this.#refused] as { name: string; reason: string };
      process.stderr.write(`mailaudit: refused ${escapeForTerminal(name)}: ${escapeForTerminal(reason)}\n`);
    }
    for (; this.#repaired < repaired.length; this.#repaired++) {
      const { name, reason } = repaired[this.#repaired] as { name: string; reason: string };
      process.stderr.write(`mailaudit: note: ${escapeForTerminal(name)}: ${escapeForTerminal(reason)}\n`);
    }
    for (; this.#differing < differing.length; this.#differing++) {
      const { name, stored, identity } = differing[this.#differing] as DifferingDuplicate;
      process.stderr.write(
        `mailaudit: note: ${escapeForTerminal(name)}: same ${escapeForTerminal(identity)} as ${escapeForTerminal(stored)}, stored already, but the contents differ; the stored copy is kept\n`,
      );
    }
  }
}

/** One self-overwriting stderr line, at most a few times a second (only when stderr is a terminal). */
function progressLine(): (progress: IngestProgress) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    const final = p.current === "";
    if (!final && now - last < 200) return;
    last = now;
    const line = `${p.reportsSeen} report(s): ${p.stored} stored, ${p.duplicates} already stored, ${p.refused} refused`;
    process.stderr.write(`\r\x1b[K${line}${final ? "\n" : ` — ${escapeForTerminal(p.current).slice(-60)}`}`);
  };
}

/** `imaps://…/INBOX: 120/500 message(s)`, self-overwriting like the file progress line. */
function mailboxProgressLine(): (url: MailboxUrl, progress: { read: number; total: number }) => void {
  let last = 0;
  return (url, p) => {
    const now = Date.now();
    const final = p.read === p.total;
    if (!final && now - last < 200) return;
    last = now;
    process.stderr.write(
      `\r\x1b[K${escapeForTerminal(url.text)}: ${p.read}/${p.total} message(s)${final ? "\n" : ""}`,
    );
  };
}
