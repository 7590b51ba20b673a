/**
 * The PostgreSQL store under faults, against a real cluster: four ingest processes at once over
 * 3,000 reports of which half are shared, a process killed with SIGKILL in the middle of a large
 * report, and the server restarted in the middle of a run. The store must end with every report once
 * and whole, and a rerun must complete it. Checked with SQL straight on the server. Runs the built CLI.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PostgresCluster, postgresAvailable, startPostgres } from "../helpers/postgres.js";
import { runCli } from "../helpers/run-cli.js";
import { reportXml } from "../reports/generated-set.js";

const BIN = join(import.meta.dirname, "..", "..", "bin", "mailaudit.js");
const DAY = 1_700_000_000;
/** 1,500 distinct reports in four quarters; process i reads quarters i and i+1: 3,000 reads, half shared. */
const DISTINCT = 1500;
const RECORDS = 4;
/** Large enough for many batches (report-rows.ts BATCH_RECORDS), so a kill lands inside it. */
const BIG_RECORDS = 24_000;
const SMALL_AROUND_BIG = 40;

let cluster: PostgresCluster;
let dir: string;
const started: ChildProcess[] = [];

function smallReport(id: string, i: number): string {
  return reportXml({
    org: `rep${i % 5}.example`,
    id,
    domain: `d${i % 3}.example`,
    begin: DAY + (i % 10) * 86_400,
    end: DAY + (i % 10) * 86_400 + 86_399,
    records: Array.from({ length: RECORDS }, (_, j) => ({
      ip: `10.${i % 200}.${j}.1`,
      count: 1 + ((i + j) % 5),
      dkim: j % 2 === 0 ? ("pass" as const) : ("fail" as const),
      spf: "fail" as const,
    })),
  });
}
const messagesOf = (i: number) =>
  Array.from({ length: RECORDS }, (_, j) => 1 + ((i + j) % 5)).reduce((a, b) => a + b);

beforeAll(async () => {
  if (!postgresAvailable()) return;
  cluster = await startPostgres();
  dir = mkdtempSync(join(tmpdir(), "mailaudit-pg-faults-"));
  for (let q = 0; q < 4; q++) mkdirSync(join(dir, `q${q}`));
  for (let i = 0; i < DISTINCT; i++)
    writeFileSync(join(dir, `q${i % 4}`, `r${String(i).padStart(5, "0")}.xml`), smallReport(`c-${i}`, i));
  const mixed = join(dir, "mixed");
  mkdirSync(mixed);
  for (let i = 0; i < SMALL_AROUND_BIG; i++) {
    writeFileSync(join(mixed, `a${String(i).padStart(3, "0")}.xml`), smallReport(`before-${i}`, i));
    writeFileSync(join(mixed, `c${String(i).padStart(3, "0")}.xml`), smallReport(`after-${i}`, i));
  }
  writeFileSync(
    join(mixed, "b-big.xml"),
    reportXml({
      org: "big.example",
      id: "big",
      domain: "d0.example",
      begin: DAY,
      end: DAY + 86_399,
      records: Array.from({ length: BIG_RECORDS }, (_, j) => ({
        ip: `172.16.${(j >> 8) % 256}.${j % 256}`,
        count: 1,
        dkim: "pass" as const,
        spf: "pass" as const,
      })),
    }),
  );
}, 120_000);
afterAll(async () => {
  for (const child of started)
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await cluster?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function startIngest(
  url: string,
  paths: string[],
): { child: ChildProcess; done: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [BIN, "reports", "ingest", ...paths, "--db", url, "--no-progress"], {
    env: { ...process.env, ...cluster.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (d: string) => {
    stdout += d;
  });
  child.stderr?.setEncoding("utf8").on("data", (d: string) => {
    stderr += d;
  });
  const done = once(child, "close").then(([code]) => ({ code: code as number | null, stdout, stderr }));
  return { child, done };
}

interface StoreFacts {
  reports: number;
  identities: number;
  /** Reports whose rows disagree with their own totals. */
  partial: string[];
  records: number;
  messages: number;
}

async function inspect(database: string): Promise<StoreFacts> {
  const [totals] = await cluster.query<{
    reports: number;
    identities: number;
    records: number;
    messages: number;
  }>(
    database,
    `SELECT (SELECT count(*)::int FROM reports) AS reports,
            (SELECT count(*)::int FROM (SELECT DISTINCT org_name, report_id, policy_domain, begin_ts, end_ts FROM reports) i) AS identities,
            (SELECT count(*)::int FROM records) AS records,
            (SELECT coalesce(sum(count), 0)::int FROM records) AS messages`,
  );
  const partial = await cluster.query<{ report_id: string }>(
    database,
    `SELECT p.report_id FROM reports p
      WHERE p.record_count <> (SELECT count(*) FROM records r WHERE r.report = p.id)
         OR p.message_count <> (SELECT coalesce(sum(count), 0) FROM records r WHERE r.report = p.id)
         OR (SELECT count(*) FROM auth_results a JOIN records r ON a.record = r.id WHERE r.report = p.id)
            <> 2 * p.record_count`,
  );
  return { ...(totals as Omit<StoreFacts, "partial">), partial: partial.map((r) => r.report_id) };
}

/** Resolves once a process is inside the big report's transaction (a further batch being written). */
async function whenInsideBigReport(database: string, withinMs = 60_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    const rows = await cluster.query(
      database,
      `SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND application_name = 'mailaudit'
          AND backend_xid IS NOT NULL AND query LIKE 'WITH report AS (SELECT $1::bigint%'`,
      [database],
    );
    if (rows.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("no ingest reached the big report's second batch in time");
}

/**
 * After an interrupted run into `database`: the reports before the big one whole, nothing of the big
 * one; then a rerun stores the rest and the store is complete.
 */
async function expectInterruptedThenCompleted(database: string, url: string): Promise<void> {
  const after = await inspect(database);
  expect(after.partial).toEqual([]);
  expect(after.reports).toBe(SMALL_AROUND_BIG);
  expect(
    await cluster.query(database, "SELECT count(*)::int AS n FROM reports WHERE report_id = 'big'"),
  ).toEqual([{ n: 0 }]);
  const rerun = await runCli(["reports", "ingest", join(dir, "mixed"), "--db", url], { env: cluster.env });
  expect(rerun.exitCode, rerun.stderr).toBe(0);
  expect(rerun.stdout).toBe(
    `stored ${SMALL_AROUND_BIG + 1} report(s), ${SMALL_AROUND_BIG} already stored, 0 refused\n`,
  );
  const done = await inspect(database);
  expect(done.partial).toEqual([]);
  expect(done.reports).toBe(2 * SMALL_AROUND_BIG + 1);
  expect(done.records).toBe(2 * SMALL_AROUND_BIG * RECORDS + BIG_RECORDS);
}

describe.skipIf(!postgresAvailable())("PostgreSQL store under faults", () => {
  it("four processes at once over 3,000 reports, half shared: each stored once, totals exact", async () => {
    const url = await cluster.createDatabase("parallel");
    const runs = await Promise.all(
      [0, 1, 2, 3].map((i) => startIngest(url, [join(dir, `q${i}`), join(dir, `q${(i + 1) % 4}`)]).done),
    );
    let stored = 0;
    let duplicates = 0;
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(0);
      const counts = /^stored (\d+) report\(s\), (\d+) already stored, 0 refused$/m.exec(run.stdout);
      expect(counts, run.stdout).not.toBeNull();
      stored += Number(counts?.[1]);
      duplicates += Number(counts?.[2]);
    }
    expect([stored, duplicates]).toEqual([DISTINCT, DISTINCT]);
    const facts = await inspect("parallel");
    const expectedMessages = Array.from({ length: DISTINCT }, (_, i) => messagesOf(i)).reduce(
      (a, b) => a + b,
    );
    expect(facts).toEqual({
      reports: DISTINCT,
      identities: DISTINCT,
      partial: [],
      records: DISTINCT * RECORDS,
      messages: expectedMessages,
    });
    const summary = await runCli(["reports", "summary", "--db", url, "-f", "json", "--no-dns"], {
      env: cluster.env,
    });
    const domains = JSON.parse(summary.stdout).domains as { reports: number; messages: number }[];
    expect(domains.reduce((n, d) => n + d.reports, 0)).toBe(DISTINCT);
    expect(domains.reduce((n, d) => n + d.messages, 0)).toBe(expectedMessages);
  }, 180_000);

  it("kill -9 in the middle of a large report leaves nothing of it; a rerun completes", async () => {
    const url = await cluster.createDatabase("killed");
    const run = startIngest(url, [join(dir, "mixed")]);
    await whenInsideBigReport("killed");
    run.child.kill("SIGKILL");
    await run.done;
    await expectInterruptedThenCompleted("killed", url);
  }, 180_000);

  it("the server restarted mid-run: exit 3, nothing half-written, a rerun completes", async () => {
    const url = await cluster.createDatabase("restarted");
    const run = startIngest(url, [join(dir, "mixed")]);
    await whenInsideBigReport("restarted");
    await cluster.restart();
    const result = await run.done;
    expect(result.code).toBe(3);
    const lines = result.stderr.trim().split("\n");
    expect(lines, result.stderr).toHaveLength(1);
    // The server's words vary with the moment it went away ("terminating connection due to
    // administrator command", "Connection terminated unexpectedly"); ours do not.
    expect(lines[0], result.stderr).toMatch(
      new RegExp(
        `^mailaudit: --db ${url.replace(/[/.?]/g, "\\$&")}: .+; ${SMALL_AROUND_BIG} report\\(s\\) stored before it, none half-written: run again to store the rest$`,
      ),
    );
    await expectInterruptedThenCompleted("restarted", url);
  }, 180_000);
});
