import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canRunInTerminal, runCli, runInTerminal } from "../helpers/run-cli.js";
import { dovecotAvailable, type ImapLab, startImapLab, storedReportIds } from "./imap-lab.js";
import { deliver, folderPath, mailSet, messagesIn } from "./mail-set.js";

/** `mailaudit reports ingest imaps://…` against a real Dovecot, through the built CLI. */
describe.runIf(dovecotAvailable())("reports from a mailbox (Dovecot)", () => {
  let lab: ImapLab;
  let dir: string;
  beforeAll(async () => {
    lab = await startImapLab();
    dir = mkdtempSync(join(tmpdir(), "mailaudit-imap-"));
  });
  afterAll(async () => {
    await lab?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const summaryOf = async (db: string) => {
    const result = await runCli(["reports", "summary", "--db", db, "-f", "json", "--no-dns"]);
    expect(result.exitCode, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as unknown;
  };

  it("stores what the same mail from disk stores; leaves mail without reports; moves the rest; a second run fetches nothing", async () => {
    const set = mailSet("bulk", 240, { withoutReport: 12, hostile: 6 });
    deliver(lab.dovecot.maildir, "INBOX", set.messages);
    const total = set.messages.length;

    // The same messages, read from the Maildir on disk before IMAP touches them.
    const fromDisk = join(dir, "disk.db");
    const disk = await runCli([
      "reports",
      "ingest",
      "--db",
      fromDisk,
      "--max-size",
      "1",
      folderPath(lab.dovecot.maildir, "INBOX"),
    ]);
    expect(disk.exitCode, disk.stderr).toBe(3);
    expect(disk.stdout).toContain(
      `stored ${set.reports} report(s), 0 already stored, ${set.hostile + set.withoutReport} refused`,
    );

    const fromImap = join(dir, "imap.db");
    const first = await lab.ingest(fromImap, [lab.dovecot.url("INBOX"), "--imap-move-to", "Done"]);
    // Refused attachments: exit 3, named on stderr, everything else stored.
    expect(first.exitCode, first.stderr).toBe(3);
    expect(first.stdout).toBe(
      `stored ${set.reports} report(s), 0 already stored, ${set.hostile} refused; ` +
        `${total} message(s) read, ${set.withoutReport} without a report (left in place), ${total - set.withoutReport} moved\n`,
    );
    const refusedLines = first.stderr.split("\n").filter((line) => line.startsWith("mailaudit: refused "));
    expect(refusedLines).toHaveLength(set.hostile);
    for (const line of refusedLines) {
      expect(line).toMatch(/^mailaudit: refused imaps:\/\/dmarc@127\.0\.0\.1:\d+\/INBOX\/;UID=\d+!/);
      expect(line).toMatch(/size limit|DOCTYPE/);
    }
    // Same reports, same totals as from disk.
    expect(storedReportIds(fromImap)).toEqual(storedReportIds(fromDisk));
    expect(await summaryOf(fromImap)).toEqual(await summaryOf(fromDisk));
    // Nothing lost: mail without a report stayed, every other message is in Done.
    expect(messagesIn(lab.dovecot.maildir, "INBOX")).toBe(set.withoutReport);
    expect(messagesIn(lab.dovecot.maildir, "Done")).toBe(total - set.withoutReport);

    const second = await lab.ingest(fromImap, [lab.dovecot.url("INBOX"), "--imap-move-to", "Done"]);
    expect(second.exitCode, second.stderr).toBe(0);
    expect(second.stdout).toBe(
      "stored 0 report(s), 0 already stored, 0 refused; 0 message(s) read, 0 without a report (left in place), 0 moved\n",
    );
  });

  it("without --imap-move-to the cursor alone keeps old mail from being fetched again", async () => {
    const set = mailSet("cursor", 30);
    deliver(lab.dovecot.maildir, "Cursor", set.messages);
    const db = join(dir, "cursor.db");
    const first = await lab.ingest(db, [lab.dovecot.url("Cursor")]);
    expect(first.exitCode, first.stderr).toBe(0);
    expect(first.stdout).toContain("stored 30 report(s), 0 already stored, 0 refused; 30 message(s) read");
    deliver(lab.dovecot.maildir, "Cursor", [mailSet("cursor-late", 1).messages[0] as Buffer]);
    const second = await lab.ingest(db, [lab.dovecot.url("Cursor")]);
    expect(second.stdout).toContain("stored 1 report(s), 0 already stored, 0 refused; 1 message(s) read");
    expect(messagesIn(lab.dovecot.maildir, "Cursor")).toBe(31);
  });

  it("a new UIDVALIDITY reads the folder again; report identity stores nothing twice", async () => {
    const set = mailSet("reset", 20);
    deliver(lab.dovecot.maildir, "Reset", set.messages);
    const db = join(dir, "reset.db");
    const first = await lab.ingest(db, [lab.dovecot.url("Reset")]);
    expect(first.stdout).toContain("stored 20 report(s), 0 already stored");
    lab.dovecot.doveadm([
      "mailbox",
      "update",
      "-u",
      lab.dovecot.user,
      "--uid-validity",
      "4000000001",
      "Reset",
    ]);
    const again = await lab.ingest(db, [lab.dovecot.url("Reset")]);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stdout).toContain("stored 0 report(s), 20 already stored, 0 refused; 20 message(s) read");
    expect(again.stderr).toContain("UIDVALIDITY changed");
    const third = await lab.ingest(db, [lab.dovecot.url("Reset")]);
    expect(third.stdout).toContain("0 message(s) read");
    expect(storedReportIds(db)).toHaveLength(20);
  });

  it("files and mailboxes mix in one run, into one result line", async () => {
    deliver(lab.dovecot.maildir, "Mixed", mailSet("mixed", 3).messages);
    const db = join(dir, "mixed.db");
    const mixed = await lab.ingest(db, [folderPath(lab.dovecot.maildir, "Cursor"), lab.dovecot.url("Mixed")]);
    expect(mixed.exitCode, mixed.stderr).toBe(0);
    expect(mixed.stdout).toBe(
      "stored 34 report(s), 0 already stored, 0 refused; 3 message(s) read, 0 without a report (left in place), 0 moved\n",
    );
  });

  it.runIf(canRunInTerminal())("shows messages read / total on a terminal, nothing on a pipe", async () => {
    deliver(lab.dovecot.maildir, "Progress", mailSet("progress", 5).messages);
    const db = join(dir, "progress.db");
    const piped = await lab.ingest(db, [lab.dovecot.url("Progress"), "--imap-move-to", "ProgressDone"]);
    expect(piped.stderr).not.toMatch(/message\(s\)/);
    deliver(lab.dovecot.maildir, "Progress", mailSet("progress-tty", 4).messages);
    const screen = await runInTerminal([
      "reports",
      "ingest",
      "--db",
      db,
      "--imap-ca",
      lab.dovecot.caFile,
      "--imap-password-file",
      passwordFile(dir, lab.dovecot.password),
      lab.dovecot.url("Progress"),
    ]);
    expect(screen).toMatch(/\/Progress: 4\/4 message\(s\)/);
    expect(screen).toContain("stored 4 report(s)");
  });
});

function passwordFile(dir: string, password: string): string {
  const file = join(dir, "password");
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return file;
}
