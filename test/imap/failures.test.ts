import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTestCa, startDovecot } from "../helpers/dovecot.js";
import { freePort } from "../helpers/ports.js";
import {
  dovecotAvailable,
  eventually,
  GOOD_TOKEN,
  type ImapLab,
  PROVIDER_DOWN_TOKEN,
  startImapLab,
  storedCount,
  storedReportIds,
} from "./imap-lab.js";
import { deliver, folderPath, mailSet, messagesIn } from "./mail-set.js";

/** Every way a mailbox can fail to be read: one line on stderr, the documented exit code, nothing lost. */
describe.runIf(dovecotAvailable())("reading a mailbox that fails (Dovecot)", () => {
  let lab: ImapLab;
  let dir: string;
  beforeAll(async () => {
    lab = await startImapLab();
    dir = mkdtempSync(join(tmpdir(), "mailaudit-imap-fail-"));
    deliver(lab.dovecot.maildir, "INBOX", mailSet("fail", 4).messages);
  });
  afterAll(async () => {
    await lab?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const errorLines = (stderr: string) => stderr.split("\n").filter((line) => line.startsWith("mailaudit: "));

  it("a wrong password is a configuration error: exit 2, one line, nothing stored", async () => {
    const db = join(dir, "wrong-password.db");
    const result = await lab.ingest(db, [lab.dovecot.url()], { MAILAUDIT_IMAP_PASSWORD: "not it" });
    expect(result.exitCode).toBe(2);
    expect(errorLines(result.stderr)).toEqual([
      expect.stringMatching(
        /^mailaudit: imaps:\/\/dmarc@127\.0\.0\.1:\d+\/INBOX: login refused \(wrong user, password or token\)/,
      ),
    ]);
    expect(storedCount(db)).toBe(0);
  });

  it("no credentials, or a password in the URL, is a usage error that says where a password belongs", async () => {
    const db = join(dir, "usage.db");
    const none = await lab.ingest(db, [lab.dovecot.url()], {});
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain("MAILAUDIT_IMAP_PASSWORD");
    const inUrl = lab.dovecot.url().replace("dmarc@", "dmarc:hunter2@");
    const result = await lab.ingest(db, [inUrl]);
    expect(result.exitCode).toBe(2);
    expect(errorLines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toContain("process list");
    expect(result.stderr).not.toContain("hunter2");
  });

  it("a certificate from an unknown CA is one line naming the reason (exit 3); the right --imap-ca works", async () => {
    const db = join(dir, "ca.db");
    const otherCa = makeTestCa(dir, "other-ca");
    const wrong = await lab.ingest(db, [lab.dovecot.url(), "--imap-ca", otherCa.cert]);
    expect(wrong.exitCode).toBe(3);
    expect(errorLines(wrong.stderr)).toEqual([
      expect.stringMatching(
        /: TLS certificate not trusted \([A-Z_]+\); for a private CA give --imap-ca <file>$/,
      ),
    ]);
    const right = await lab.ingest(db, [lab.dovecot.url()]);
    expect(right.exitCode, right.stderr).toBe(0);
    expect(right.stdout).toContain("stored 4 report(s)");
  });

  it("imap:// upgrades with STARTTLS, verified like imaps://", async () => {
    const db = join(dir, "starttls.db");
    const result = await lab.ingest(db, [lab.dovecot.url("INBOX", "imap")]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain("stored 4 report(s)");
  });

  it("imap:// to a server without STARTTLS is refused before any login (exit 3)", async () => {
    const plain = await startDovecot({ freePort, tls: false });
    try {
      const db = join(dir, "plain.db");
      const result = await lab.ingest(db, [plain.url("INBOX", "imap")]);
      expect(result.exitCode).toBe(3);
      expect(errorLines(result.stderr)).toEqual([expect.stringContaining("does not offer STARTTLS")]);
      expect(plain.output()).not.toMatch(/Login: user=<dmarc>|auth failed/);
    } finally {
      await plain.close();
    }
  });

  it("an unreachable server is exit 3, one line", async () => {
    const port = await freePort();
    const result = await lab.ingest(join(dir, "unreachable.db"), [`imaps://dmarc@127.0.0.1:${port}/INBOX`]);
    expect(result.exitCode).toBe(3);
    expect(errorLines(result.stderr)).toEqual([
      expect.stringContaining(`cannot connect to 127.0.0.1:${port} (ECONNREFUSED)`),
    ]);
  });

  it("XOAUTH2: a token the provider calls active logs in; another is refused (exit 2)", async () => {
    const db = join(dir, "oauth.db");
    const bad = await lab.ingest(db, [lab.dovecot.url()], { MAILAUDIT_IMAP_TOKEN: "expired-token" });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain("login refused");
    const good = await lab.ingest(db, [lab.dovecot.url()], { MAILAUDIT_IMAP_TOKEN: GOOD_TOKEN });
    expect(good.exitCode, good.stderr).toBe(0);
    expect(good.stdout).toContain("stored 4 report(s)");
    // Dovecot logged the login as XOAUTH2, so the token, not a password, was checked.
    expect(lab.dovecot.output()).toMatch(/Login: user=<dmarc>, method=XOAUTH2/);
  });

  it("a login the server cannot check now (its token provider is down: [UNAVAILABLE]) is exit 3, not a refusal", async () => {
    const result = await lab.ingest(join(dir, "provider-down.db"), [lab.dovecot.url()], {
      MAILAUDIT_IMAP_TOKEN: PROVIDER_DOWN_TOKEN,
    });
    expect(result.exitCode, result.stderr).toBe(3);
    expect(errorLines(result.stderr)).toEqual([
      expect.stringMatching(
        /^mailaudit: imaps:\/\/dmarc@127\.0\.0\.1:\d+\/INBOX: the server could not check the login now \(its authentication is unavailable; try again later\)/,
      ),
    ]);
    expect(result.stderr).not.toContain("login refused");
  });

  it("a server stopped mid-run: exit 3 with what was stored kept; the rerun stores the rest, each once, and moves all", async () => {
    const set = mailSet("midrun", 400);
    deliver(lab.dovecot.maildir, "Midrun", set.messages);
    const db = join(dir, "midrun.db");
    const child = lab.spawnIngest(db, [lab.dovecot.url("Midrun"), "--imap-move-to", "MidrunDone"]);
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    await eventually(() => storedCount(db) >= 20, 30_000, "the first reports to be stored");
    await lab.dovecot.stop();
    const code = await exited;
    await lab.dovecot.start();
    expect(code, `${child.output.stdout}\n${child.output.stderr}`).toBe(3);
    expect(errorLines(child.output.stderr)).toEqual([expect.stringMatching(/Midrun: connection lost/)]);
    const before = storedCount(db);
    expect(before).toBeLessThan(set.reports);
    const rerun = await lab.ingest(db, [lab.dovecot.url("Midrun"), "--imap-move-to", "MidrunDone"]);
    expect(rerun.exitCode, rerun.stderr).toBe(0);
    expect(storedReportIds(db)).toHaveLength(set.reports);
    expect(messagesIn(lab.dovecot.maildir, "Midrun")).toBe(0);
    expect(messagesIn(lab.dovecot.maildir, "MidrunDone")).toBe(set.reports);
  });

  it("a MOVE the server refuses leaves the messages and the cursor before them: exit 3, and the next run reads them again", async () => {
    // The destination exists but Dovecot's mail user may not write into it, so Dovecot answers the
    // MOVE with NO. imapflow says so by returning false, not by throwing; a cursor passed on anyway
    // would leave these messages unmoved for good.
    deliver(lab.dovecot.maildir, "Source", mailSet("source", 2).messages);
    deliver(lab.dovecot.maildir, "Locked", []);
    const locked = folderPath(lab.dovecot.maildir, "Locked");
    for (const sub of ["tmp", "new", "cur"]) chmodSync(join(locked, sub), 0o500);
    try {
      const db = join(dir, "locked.db");
      const args = [lab.dovecot.url("Source"), "--imap-move-to", "Locked"];
      const first = await lab.ingest(db, args);
      expect(first.exitCode, first.stderr).toBe(3);
      expect(errorLines(first.stderr)).toEqual([
        expect.stringMatching(/Source: moving 2 message\(s\) to Locked failed; they stay and are read again/),
      ]);
      expect(storedCount(db)).toBe(2);
      expect(messagesIn(lab.dovecot.maildir, "Source")).toBe(2);
      for (const sub of ["tmp", "new", "cur"]) chmodSync(join(locked, sub), 0o700);
      const again = await lab.ingest(db, args);
      expect(again.exitCode, again.stderr).toBe(0);
      expect(again.stdout).toMatch(/stored 0 report\(s\), 2 already stored/);
      expect(messagesIn(lab.dovecot.maildir, "Source")).toBe(0);
      expect(messagesIn(lab.dovecot.maildir, "Locked")).toBe(2);
    } finally {
      for (const sub of ["tmp", "new", "cur"]) chmodSync(join(locked, sub), 0o700);
    }
  });
});
