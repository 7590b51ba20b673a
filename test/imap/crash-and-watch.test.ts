import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  dovecotAvailable,
  eventually,
  type ImapLab,
  startImapLab,
  storedCount,
  storedReportIds,
} from "./imap-lab.js";
import { deliver, mailSet, messageFiles, messagesIn, reportMail } from "./mail-set.js";

/** A small seeded generator (mulberry32): random kill points, the same ones on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(dovecotAvailable())("crashes, SIGTERM and --watch (Dovecot)", () => {
  let lab: ImapLab;
  let dir: string;
  beforeAll(async () => {
    lab = await startImapLab();
    dir = mkdtempSync(join(tmpdir(), "mailaudit-imap-crash-"));
  });
  afterAll(async () => {
    await lab?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("kill -9 at random points of ingest-and-move, then rerun: every report stored once, no message lost", async () => {
    const set = mailSet("crash", 300);
    deliver(lab.dovecot.maildir, "Crash", set.messages);
    const db = join(dir, "crash.db");
    const args = [lab.dovecot.url("Crash"), "--imap-move-to", "CrashDone"];
    const moved = () => messagesIn(lab.dovecot.maildir, "CrashDone");
    const random = seeded(13);
    // Where each run dies (a round is 250 messages: store them, MOVE them, pass the cursor):
    const killPoints: { when: () => boolean; within: number }[] = [
      { when: () => storedCount(db) > 0, within: 600 }, // while storing
      { when: () => storedCount(db) >= 250, within: 40 }, // around the first round's MOVE
      { when: () => storedCount(db) > 250, within: 150 }, // storing the second round
      { when: () => storedCount(db) >= 300, within: 40 }, // around the last MOVE and cursor update
    ];
    let kills = 0;
    for (const [index, point] of killPoints.entries()) {
      const child = lab.spawnIngest(db, args);
      let done = false;
      const exited = new Promise<void>((resolve) =>
        child.once("exit", () => {
          done = true;
          resolve();
        }),
      );
      await eventually(() => done || point.when(), 60_000, `kill point ${index}`);
      await sleep(random() * point.within);
      if (done) continue;
      child.kill("SIGKILL");
      await exited;
      kills++;
      // Never lost: a message is in one folder or the other (both for the instant of a MOVE).
      expect(messagesIn(lab.dovecot.maildir, "Crash") + moved()).toBeGreaterThanOrEqual(set.reports);
    }
    expect(kills).toBeGreaterThanOrEqual(3);
    const last = await lab.ingest(db, args);
    expect(last.exitCode, last.stderr).toBe(0);
    const expected = Array.from({ length: set.reports }, (_, i) => `crash-${i}`).sort();
    expect(storedReportIds(db)).toEqual(expected);
    expect(messagesIn(lab.dovecot.maildir, "Crash")).toBe(0);
    expect(messagesIn(lab.dovecot.maildir, "CrashDone")).toBe(set.reports);
    const again = await lab.ingest(db, args);
    expect(again.stdout).toContain("0 message(s) read");
  }, 120_000);

  it("--watch stores appended mail within seconds, reconnects after the server returns, and ends with exit 0 on SIGTERM", async () => {
    deliver(lab.dovecot.maildir, "Watch", mailSet("watch-before", 2).messages);
    const db = join(dir, "watch.db");
    const child = lab.spawnIngest(db, [lab.dovecot.url("Watch"), "--watch", "--imap-move-to", "WatchDone"]);
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    try {
      await eventually(() => storedCount(db) === 2, 30_000, "the mail already there");
      await append(lab, "Watch", reportMail("watch-appended", 1));
      await eventually(() => storedCount(db) === 3, 30_000, "the appended report");

      await lab.dovecot.stop();
      await eventually(
        () => child.output.stderr.includes("reconnecting in"),
        30_000,
        "a reconnection notice",
      );
      await lab.dovecot.start();
      await append(lab, "Watch", reportMail("watch-after-restart", 2));
      await eventually(() => storedCount(db) === 4, 60_000, "the report appended after the restart");
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited, child.output.stderr).toBe(0);
    expect(storedReportIds(db)).toEqual(
      ["watch-after-restart-2", "watch-appended-1", "watch-before-0", "watch-before-1"].sort(),
    );
    // Once a flake (1 left in Watch): a MOVE cut by the server's stop was counted as done.
    const left = `left in Watch: ${messageFiles(lab.dovecot.maildir, "Watch").join(", ")}; stdout: ${child.output.stdout}; stderr: ${child.output.stderr}`;
    expect(messagesIn(lab.dovecot.maildir, "Watch"), left).toBe(0);
    expect(messagesIn(lab.dovecot.maildir, "WatchDone"), left).toBe(4);
    expect(child.output.stderr).toMatch(/connection lost|cannot connect/);
    // The server may stop before or after the appended message is moved: if its MOVE was cut, that
    // message is read again after the reconnection (its report already stored) and moved then.
    expect(child.output.stdout).toMatch(
      /Watch: [12] message\(s\) read, 0 without a report \(left in place\), [12] moved/,
    );
    expect(child.output.stdout).toMatch(/^stored 4 report\(s\), [01] already stored, 0 refused; /m);
  });

  it("SIGTERM during a --watch catch-up ends after the message in hand, exit 0: what was stored is moved and passed; a rerun does the rest once", async () => {
    const set = mailSet("term", 300);
    deliver(lab.dovecot.maildir, "Term", set.messages);
    const db = join(dir, "term.db");
    const args = [lab.dovecot.url("Term"), "--imap-move-to", "TermDone"];
    const child = lab.spawnIngest(db, [...args, "--watch"]);
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    await eventually(() => storedCount(db) >= 40, 60_000, "the catch-up to be under way");
    child.kill("SIGTERM");
    expect(await exited, child.output.stderr).toBe(0);
    const stored = storedCount(db);
    expect(stored).toBeLessThan(set.reports);
    // Every message whose reports were stored was moved before the exit: none is read twice.
    expect(messagesIn(lab.dovecot.maildir, "TermDone")).toBe(stored);
    expect(messagesIn(lab.dovecot.maildir, "Term")).toBe(set.reports - stored);
    const rest = await lab.ingest(db, args);
    expect(rest.exitCode, rest.stderr).toBe(0);
    expect(rest.stdout).toContain(`stored ${set.reports - stored} report(s), 0 already stored, 0 refused`);
    expect(messagesIn(lab.dovecot.maildir, "TermDone")).toBe(set.reports);
  });
});

/** Delivers like a mail client would: IMAP APPEND over TLS (a second, independent client). */
async function append(lab: ImapLab, folder: string, message: Buffer): Promise<void> {
  const client = new ImapFlow({
    host: "127.0.0.1",
    port: lab.dovecot.imapsPort,
    secure: true,
    auth: { user: lab.dovecot.user, pass: lab.dovecot.password },
    tls: { ca: readFileSync(lab.dovecot.caFile, "utf8") },
    logger: false,
  });
  await client.connect();
  try {
    await client.append(folder, message);
  } finally {
    await client.logout();
  }
}
