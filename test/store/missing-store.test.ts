/**
 * A command that only reads a report store refuses a SQLite path where there is none, instead of
 * letting SQLite create an empty store: `reports summary --db reprots.db --fail-above 2` in a cron
 * job must fail on the typo, not pass forever on an empty summary. Exit 2 (a usage error, like any
 * unusable `--db`), one line naming the path, and nothing created: no file, no `-wal`/`-shm`/`-journal`
 * beside it, no folder. `reports ingest` alone still creates a store, and a store it filled still works.
 * Runs the built CLI.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURES_DIR } from "../helpers/fixtures.js";
import { runCli } from "../helpers/run-cli.js";

const ZONE = join(FIXTURES_DIR, "zone-formats", "equal.example.zone");
/** `check`/`snapshot` answered from a zone file: nothing leaves the machine, whatever the store does. */
const OFFLINE = ["equal.example", "--zone", ZONE, "-s", "s1", "--offline"];
const REPORTS = join(FIXTURES_DIR, "sample-reports", "reports");

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "mailaudit-missing-store-"));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A fresh empty folder to run in, so "nothing was created" is "the folder is still empty". */
function emptyFolder(): string {
  return mkdtempSync(join(dir, "run-"));
}

function expectRefused(result: { exitCode: number | null; stdout: string; stderr: string }, path: string) {
  expect(result.exitCode, result.stderr).toBe(2);
  expect(result.stdout).toBe("");
  expect(result.stderr).toBe(`mailaudit: no report store at ${path} (reports ingest creates one)\n`);
}

// Every command that reads a store it must not create, with the store's path where `{db}` stands.
const READERS: [string, string[]][] = [
  ["reports summary --db", ["reports", "summary", "--db", "{db}", "--no-dns"]],
  [
    "reports summary --fail-above (the cron job)",
    ["reports", "summary", "--db", "{db}", "--fail-above", "2"],
  ],
  ["reports prune --db", ["reports", "prune", "--before", "400d", "--db", "{db}"]],
  ["check --reports-db", ["check", ...OFFLINE, "--reports-db", "{db}"]],
];

describe("a command that reads a report store refuses a path with none there", () => {
  it.each(READERS)("%s: exit 2, one line naming the path, nothing created", async (_, args) => {
    const cwd = emptyFolder();
    const db = "typo/reprots.db";
    const result = await runCli(
      args.map((a) => (a === "{db}" ? db : a)),
      { cwd },
    );
    expectRefused(result, db);
    // Not the store, not SQLite's side files, not even the folder it would have been made in.
    expect(readdirSync(cwd)).toEqual([]);
  });

  it.each(["check", "snapshot"])(
    "reportsDb: in the config: %s names the resolved path, creates nothing",
    async (command) => {
      const cwd = emptyFolder();
      const config = join(cwd, "mailaudit.yaml");
      writeFileSync(config, "reportsDb: reprots.db\ndomains: [equal.example]\n");
      const result = await runCli([command, "-c", config, "--zone", ZONE, "-s", "s1", "--offline"], { cwd });
      expectRefused(result, join(cwd, "reprots.db"));
      expect(readdirSync(cwd)).toEqual(["mailaudit.yaml"]);
    },
  );

  it("without --db, before anything was ingested: the default store's path, nothing created", async () => {
    const dataHome = emptyFolder();
    const env = { XDG_DATA_HOME: dataHome };
    const defaultStore = join(dataHome, "mailaudit", "reports.db");
    expectRefused(await runCli(["reports", "summary", "--no-dns"], { env }), defaultStore);
    expectRefused(await runCli(["reports", "prune", "--before", "400d"], { env }), defaultStore);
    expect(readdirSync(dataHome)).toEqual([]);
  });

  it("a folder that is there but holds no store is refused the same way", async () => {
    const cwd = emptyFolder();
    const db = join(cwd, "reports.db");
    expectRefused(await runCli(["reports", "summary", "--db", db, "--no-dns"]), db);
    for (const suffix of ["", "-wal", "-shm", "-journal"]) expect(existsSync(db + suffix)).toBe(false);
  });
});

describe("reports ingest still creates a store, and the readers then use it", () => {
  it("--db in a folder that does not exist yet: ingest creates both; summary, prune and check read it", async () => {
    const cwd = emptyFolder();
    const db = "new/reports.db";
    const ingest = await runCli(["reports", "ingest", "--db", db, "--no-progress", REPORTS], { cwd });
    expect(ingest.exitCode, ingest.stderr).toBe(0);
    expect(ingest.stdout).toMatch(/^stored [1-9]\d* report\(s\)/);
    const summary = await runCli(["reports", "summary", "--db", db, "--no-dns", "-f", "json"], { cwd });
    expect(summary.exitCode, summary.stderr).toBe(0);
    const domains = (JSON.parse(summary.stdout) as { domains: { domain: string; reports: number }[] })
      .domains;
    expect(domains.map((d) => d.domain)).toContain("example.com");
    expect(domains.every((d) => d.reports > 0)).toBe(true);
    const prune = await runCli(["reports", "prune", "--before", "2000-01-01", "--db", db], { cwd });
    expect(prune.exitCode, prune.stderr).toBe(0);
    expect(prune.stdout).toMatch(/^pruned 0 report\(s\)/);
    // The offline zone has no reporting address: whatever the verdict, the store was read (not exit 2).
    const check = await runCli(["check", ...OFFLINE, "--reports-db", db], { cwd });
    expect([0, 1], check.stderr).toContain(check.exitCode);
  });

  it("without --db: ingest creates the default store, summary then reads it", async () => {
    const dataHome = emptyFolder();
    const env = { XDG_DATA_HOME: dataHome };
    const ingest = await runCli(["reports", "ingest", "--no-progress", REPORTS], { env });
    expect(ingest.exitCode, ingest.stderr).toBe(0);
    expect(existsSync(join(dataHome, "mailaudit", "reports.db"))).toBe(true);
    const summary = await runCli(["reports", "summary", "--no-dns", "-f", "json"], { env });
    expect(summary.exitCode, summary.stderr).toBe(0);
    expect(JSON.parse(summary.stdout).domains.length).toBeGreaterThan(0);
  });
});
