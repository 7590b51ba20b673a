/**
 * The report store under faults: a CLI killed with SIGKILL mid-ingest, three ingests of overlapping
 * inputs at once, a damaged file, a store locked by another process. The store must end with each
 * report once and whole, and a store that cannot be used is an error (exit 2, one line) that leaves
 * the file's bytes as they were. Checked with node:sqlite directly, not through our own queries.
 * Runs the built CLI (`npx tsc -p tsconfig.json` first).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUSY_TIMEOUT_VARIABLE } from "../../src/store/busy-timeout.js";
import { runCli } from "../helpers/run-cli.js";
import { reportXml } from "../reports/generated-set.js";

const BIN = join(import.meta.dirname, "..", "..", "bin", "mailaudit.js");
const DAY = 1_700_000_000;
const RECORDS_PER_REPORT = 150;
const REPORTS = 240;

let dir: string;
let inputs: string;
const started: ChildProcess[] = [];

/** Report i: its own identity, RECORDS_PER_REPORT records of count 1 + (j % 3). */
function report(i: number): string {
  const records = Array.from({ length: RECORDS_PER_REPORT }, (_, j) => ({
    ip: `10.${i % 250}.${j % 250}.1`,
    count: 1 + (j % 3),
    dkim: "pass" as const,
    spf: "fail" as const,
  }));
  return reportXml({
    org: "rep.example",
    id: `k${i}`,
    domain: "store.test",
    begin: DAY,
    end: DAY + 86_399,
    records,
  });
}
const MESSAGES_PER_REPORT = Array.from({ length: RECORDS_PER_REPORT }, (_, j) => 1 + (j % 3)).reduce(
  (a, b) => a + b,
  0,
);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "mailaudit-store-safety-"));
  inputs = join(dir, "inputs");
  mkdirSync(inputs);
  for (let i = 0; i < REPORTS; i++)
    writeFileSync(join(inputs, `${String(i).padStart(4, "0")}.xml`), report(i));
});
afterAll(() => {
  for (const child of started)
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

interface StoreFacts {
  integrity: string;
  reports: number;
  distinctIdentities: number;
  /** Reports whose stored rows disagree with their own totals or with what was generated. */
  partial: string[];
}

/** Reads the store with plain SQL: integrity, duplicates, and whether every report is whole. */
function inspect(db: string): StoreFacts {
  const sql = new DatabaseSync(db, { readOnly: true });
  try {
    const integrity = String(
      (sql.prepare("PRAGMA integrity_check").get() as { integrity_check: string }).integrity_check,
    );
    const reports = Number((sql.prepare("SELECT count(*) AS n FROM reports").get() as { n: number }).n);
    const distinctIdentities = Number(
      (
        sql
          .prepare(
            "SELECT count(*) AS n FROM (SELECT DISTINCT org_name, report_id, policy_domain, begin_ts, end_ts FROM reports)",
          )
          .get() as { n: number }
      ).n,
    );
    const rows = sql
      .prepare(
        `SELECT r.report_id AS id, r.record_count AS declared, r.message_count AS messages,
                (SELECT count(*) FROM records WHERE report = r.id) AS stored,
                (SELECT coalesce(sum(count), 0) FROM records WHERE report = r.id) AS storedMessages,
                (SELECT count(*) FROM auth_results a JOIN records x ON a.record = x.id WHERE x.report = r.id) AS auth
         FROM reports r`,
      )
      .all() as {
      id: string;
      declared: number;
      messages: number;
      stored: number;
      storedMessages: number;
      auth: number;
    }[];
    const partial = rows
      .filter(
        (r) =>
          r.declared !== RECORDS_PER_REPORT ||
          r.stored !== RECORDS_PER_REPORT ||
          r.messages !== MESSAGES_PER_REPORT ||
          r.storedMessages !== MESSAGES_PER_REPORT ||
          r.auth !== 2 * RECORDS_PER_REPORT,
      )
      .map((r) => `${r.id}: ${JSON.stringify(r)}`);
    return { integrity, reports, distinctIdentities, partial };
  } finally {
    sql.close();
  }
}

function storedCount(db: string): number {
  if (!existsSync(db)) return 0;
  try {
    const sql = new DatabaseSync(db, { readOnly: true });
    try {
      return Number((sql.prepare("SELECT count(*) AS n FROM reports").get() as { n: number }).n);
    } finally {
      sql.close();
    }
  } catch {
    return 0; // not created yet, or the schema is still being written
  }
}

function spawnCli(args: string[]): ChildProcess {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  started.push(child);
  return child;
}

describe("report store under faults", () => {
  it("kill -9 mid-ingest leaves no half report and no duplicate; the next run completes the set", async () => {
    const db = join(dir, "killed.db");
    const child = spawnCli(["reports", "ingest", "--db", db, inputs]);
    const exited = once(child, "exit");
    // Wait until some, but not all, reports are in; then kill without warning.
    const deadline = Date.now() + 60_000;
    let before = 0;
    while (Date.now() < deadline && child.exitCode === null) {
      before = storedCount(db);
      if (before >= 10) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill("SIGKILL");
    await exited;
    expect(child.signalCode, "the ingest finished before it could be killed: make it longer").toBe("SIGKILL");

    const afterKill = inspect(db);
    expect(afterKill.integrity).toBe("ok");
    expect(afterKill.partial).toEqual([]);
    expect(afterKill.reports).toBe(afterKill.distinctIdentities);
    expect(afterKill.reports).toBeGreaterThanOrEqual(before);
    expect(afterKill.reports).toBeLessThan(REPORTS);

    const rerun = await runCli(["reports", "ingest", "--db", db, inputs]);
    expect(rerun.exitCode, rerun.stderr).toBe(0);
    expect(rerun.stdout).toContain(
      `stored ${REPORTS - afterKill.reports} report(s), ${afterKill.reports} already stored, 0 refused`,
    );
    const final = inspect(db);
    expect(final).toEqual({ integrity: "ok", reports: REPORTS, distinctIdentities: REPORTS, partial: [] });
  }, 120_000);

  it("three ingests of pairwise-overlapping inputs at once store each report once, whole", async () => {
    const db = join(dir, "race.db");
    const thirds = [0, 1, 2].map((k) => {
      const folder = join(dir, `third-${k}`);
      mkdirSync(folder);
      return folder;
    });
    // Report i goes to two of the three folders, so every report is raced by two processes.
    for (let i = 0; i < 90; i++) {
      const name = `${String(i).padStart(4, "0")}.xml`;
      for (const k of [i % 3, (i + 1) % 3]) copyFileSync(join(inputs, name), join(thirds[k] as string, name));
    }
    const runs = await Promise.all(thirds.map((folder) => runCli(["reports", "ingest", "--db", db, folder])));
    for (const run of runs) expect(run.exitCode, run.stderr).toBe(0);
    const storedByRun = runs.map((r) => Number(/stored (\d+) report/.exec(r.stdout)?.[1]));
    expect(storedByRun.reduce((a, b) => a + b, 0)).toBe(90);
    expect(inspect(db)).toEqual({ integrity: "ok", reports: 90, distinctIdentities: 90, partial: [] });
  }, 120_000);

  describe("a store that cannot be used is a one-line error, exit 2, and its bytes stay as they were", () => {
    const one = () => join(inputs, "0000.xml");

    async function expectRefusedUntouched(db: string, pattern: RegExp) {
      const bytes = readFileSync(db);
      const result = await runCli(["reports", "ingest", "--db", db, one()]);
      expect(result.exitCode, result.stderr).toBe(2);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr).toMatch(pattern);
      expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
      expect(readFileSync(db).equals(bytes)).toBe(true);
      const summary = await runCli(["reports", "summary", "--db", db, "--no-dns"]);
      expect(summary.exitCode, summary.stderr).toBe(2);
      expect(readFileSync(db).equals(bytes)).toBe(true);
    }

    it("random bytes", async () => {
      const db = join(dir, "random.db");
      writeFileSync(db, Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 251)));
      await expectRefusedUntouched(db, /^mailaudit: --db .*random\.db/);
    });

    it("a real store with its pages overwritten", async () => {
      const db = join(dir, "damaged.db");
      const good = await runCli(["reports", "ingest", "--db", db, one(), join(inputs, "0001.xml")]);
      expect(good.exitCode, good.stderr).toBe(0);
      const bytes = readFileSync(db);
      // Keep the 100-byte header (so it still looks like SQLite) and scribble over the schema page.
      bytes.fill(0xa5, 100, Math.min(bytes.length, 4096));
      writeFileSync(db, bytes);
      await expectRefusedUntouched(db, /^mailaudit: --db .*damaged\.db/);
    });

    it("another program's SQLite database (rollback journal: switching it to WAL would rewrite its header)", async () => {
      const db = join(dir, "foreign.db");
      const sql = new DatabaseSync(db);
      sql.exec("CREATE TABLE bookmarks (url TEXT); INSERT INTO bookmarks VALUES ('https://example.test');");
      sql.close();
      await expectRefusedUntouched(db, /not a mailaudit store/);
    });

    it("a store written by a newer mailaudit (schema version from the future)", async () => {
      const db = join(dir, "future.db");
      const good = await runCli(["reports", "ingest", "--db", db, one()]);
      expect(good.exitCode).toBe(0);
      const sql = new DatabaseSync(db);
      sql.exec("PRAGMA journal_mode = DELETE; PRAGMA user_version = 999;");
      sql.close();
      await expectRefusedUntouched(db, /newer mailaudit/);
    });
  });

  it("a store locked by another writer for a while: the ingest waits its turn, then stores (no reset, no error)", async () => {
    const db = join(dir, "locked.db");
    const first = await runCli(["reports", "ingest", "--db", db, one()]);
    expect(first.exitCode).toBe(0);
    // Another process takes the write lock and holds it for 3 s.
    const holder = spawn(
      process.execPath,
      [
        "-e",
        `const { DatabaseSync } = require("node:sqlite"); const d = new DatabaseSync(${JSON.stringify(db)}); d.exec("BEGIN IMMEDIATE"); process.stdout.write("locked\\n"); setTimeout(() => { d.exec("ROLLBACK"); d.close(); }, 3000);`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    started.push(holder);
    await once(holder.stdout as NodeJS.ReadableStream, "data");
    const waited = await runCli(["reports", "ingest", "--db", db, join(inputs, "0001.xml")]);
    expect(waited.exitCode, waited.stderr).toBe(0);
    expect(waited.stdout).toContain("stored 1 report(s)");
    expect(inspect(db)).toMatchObject({ integrity: "ok", reports: 2, distinctIdentities: 2, partial: [] });
  }, 60_000);

  it("a store locked past the busy timeout: one-line error, exit 3 (retry later), the file untouched", async () => {
    const db = join(dir, "held.db");
    expect((await runCli(["reports", "ingest", "--db", db, one()])).exitCode).toBe(0);
    const holder = spawn(
      process.execPath,
      [
        "-e",
        `const { DatabaseSync } = require("node:sqlite"); const d = new DatabaseSync(${JSON.stringify(db)}); d.exec("BEGIN IMMEDIATE"); process.stdout.write("locked\\n"); setInterval(() => {}, 1000);`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    started.push(holder);
    try {
      await once(holder.stdout as NodeJS.ReadableStream, "data");
      const bytes = readFileSync(db);
      // A one-second busy timeout (the default is a minute): the behaviour, without the wait.
      const result = await runCli(["reports", "ingest", "--db", db, join(inputs, "0001.xml")], {
        env: { [BUSY_TIMEOUT_VARIABLE]: "1" },
      });
      expect(result.exitCode, result.stderr).toBe(3);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr).toMatch(
        /^mailaudit: --db .*held\.db: locked by another process for over 1 s .*retry later/,
      );
      expect(readFileSync(db).equals(bytes)).toBe(true);
    } finally {
      holder.kill("SIGKILL");
    }
    expect(inspect(db)).toMatchObject({ integrity: "ok", reports: 1, partial: [] });
  }, 60_000);

  function one(): string {
    return join(inputs, "0000.xml");
  }
});
