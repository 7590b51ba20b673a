/**
 * `reports summary` by a user who may only read the store: a SELECT-only PostgreSQL role, a SQLite
 * file this user cannot write. The summary folds newly stored reports into its sums (summary-sums.ts);
 * when the store refuses that write, the summary adds the unfolded reports to the stored sums on the
 * fly (read-only-sums.ts) and prints, byte for byte, what the owner's summary prints, writing
 * nothing: the sum tables hold the same rows before and after. Prune by such a user is refused
 * (exit 2, one line). Runs the built CLI; the SQLite reader is `nobody` when the tests run as root
 * (file modes do not stop root), else ourselves on a file made read-only.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS } from "../../src/store/migrations.js";
import { type PostgresCluster, postgresAvailable, startPostgres } from "../helpers/postgres.js";
import { type CliResult, runCli } from "../helpers/run-cli.js";
import { mixedReportXml } from "../reports/generated-set.js";

const DAY = 1_700_000_000;
const SUM_TABLES = ["report_sums", "failing_sources", "source_groups"] as const;
/**
 * The summaries that read the sums by different queries: the JSON figures, the page (which adds the
 * failing mail per day and every source's records), and `--since` (which groups its period's records
 * itself). CSV and `--domain` read what JSON reads (one more format, one more WHERE), so they are
 * left out: each summary here runs six times per store, and the suite's time is a goal too.
 */
const SUMMARIES: string[][] = [
  ["-f", "json"],
  ["-f", "html"],
  ["-f", "json", "--since", "2023-11-17"],
];
const READER = "mailaudit_reader";
/** The reports no summary has folded yet (summary-sums.ts). */
const UNFOLDED_COUNT =
  "SELECT count(*) AS n FROM reports p WHERE NOT EXISTS (SELECT 1 FROM report_sums s WHERE s.report = p.id)";

let dir: string;
/**
 * Two folders of 12 reports each. Report i + 120 of the mixed set has the reporter, domain, day,
 * sources and verdicts of report i (only its counts differ), so the second batch's records add to
 * groups the first one's fold stored: the on-the-fly sums must merge them as a fold would.
 */
let batches: string[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "mailaudit-read-only-"));
  chmodSync(dir, 0o755);
  batches = [0, 1].map((b) => {
    const folder = join(dir, `batch${b}`);
    mkdirSync(folder);
    for (let i = b * 120; i < b * 120 + 12; i++)
      writeFileSync(join(folder, `r${i}.xml`), mixedReportXml(i, DAY));
    return folder;
  });
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * Runs the summary of every SUMMARIES entry through `run`, then the owner's (which folds): the
 * reader's outputs and exit codes must be the owner's, and the reader must have left the sum tables
 * as they were. `unfolded` is how many reports no summary has folded yet when the reader runs.
 */
async function readerPrintsWhatOwnerPrints(
  reader: (args: string[]) => Promise<CliResult>,
  owner: (args: string[]) => Promise<CliResult>,
  sumRows: () => Promise<number[]>,
  unfolded: () => Promise<number>,
  expectUnfolded: number,
): Promise<void> {
  expect(await unfolded()).toBe(expectUnfolded);
  const before = await sumRows();
  const read: CliResult[] = [];
  for (const args of SUMMARIES) read.push(await reader(args));
  expect(await sumRows()).toEqual(before);
  expect(await unfolded()).toBe(expectUnfolded);
  for (const [i, args] of SUMMARIES.entries()) {
    const own = await owner(args);
    const mine = read[i] as CliResult;
    expect(own.exitCode, own.stderr).toBe(0);
    expect(mine.stderr).toBe(own.stderr);
    expect(mine.exitCode).toBe(own.exitCode);
    expect(mine.stdout.length).toBeGreaterThan(200);
    // Not toBe: a failing comparison of two html pages would print both whole.
    expect(mine.stdout === own.stdout, `${args.join(" ")}: the reader's output differs`).toBe(true);
  }
  expect(await unfolded()).toBe(0);
}

/** How many of the groups in `before` (group key → records) hold more records in `after`. */
function grown(before: Map<string, number>, after: Map<string, number>): number {
  return [...before].filter(([key, records]) => (after.get(key) ?? 0) > records).length;
}

describe.skipIf(!postgresAvailable())("a PostgreSQL role that may only read", () => {
  let cluster: PostgresCluster;
  let owner: string;
  let reader: string;
  beforeAll(async () => {
    cluster = await startPostgres();
    owner = await cluster.createDatabase("readonly");
    reader = owner.replace(/\/\/[^@]+@/, `//${READER}@`);
  }, 120_000);
  afterAll(async () => {
    await cluster?.close();
  });

  const env = () => ({
    PGPASSFILE: "/nonexistent/pgpass",
    PGSERVICEFILE: "/nonexistent/svc",
    ...cluster.env,
  });
  const summary = (db: string) => (args: string[]) =>
    runCli(["reports", "summary", "--db", db, "--no-dns", ...args], { env: env() });
  const count = async (sql: string) => Number((await cluster.query<{ n: string }>("readonly", sql))[0]?.n);
  const sumRows = async () =>
    Promise.all(SUM_TABLES.map((table) => count(`SELECT count(*) AS n FROM ${table}`)));
  const unfolded = () => count(UNFOLDED_COUNT);
  const groupRecords = async () =>
    new Map(
      (
        await cluster.query<{ key: string; records: string }>(
          "readonly",
          "SELECT encode(group_key, 'hex') AS key, records FROM source_groups",
        )
      ).map((row) => [row.key, Number(row.records)]),
    );
  const ingest = async (folder: string) => {
    const result = await runCli(["reports", "ingest", folder, "--db", owner, "--no-progress"], {
      env: env(),
    });
    expect(result.exitCode, result.stderr).toBe(0);
  };

  it("prints the owner's summary, byte for byte, with nothing folded, some folded and all folded, writing nothing", async () => {
    await ingest(batches[0] as string);
    // The first run by the owner created the tables; the reader may only read them.
    await cluster.query(
      "readonly",
      `CREATE ROLE ${READER} LOGIN PASSWORD '${cluster.env.PGPASSWORD}';
       GRANT USAGE ON SCHEMA public TO ${READER};
       GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${READER};`,
    );
    // Nothing folded yet: every report is added on the fly.
    await readerPrintsWhatOwnerPrints(summary(reader), summary(owner), sumRows, unfolded, 12);
    // Folded by the owner, then a batch more: stored sums plus the new reports'.
    await ingest(batches[1] as string);
    const stored = await groupRecords();
    await readerPrintsWhatOwnerPrints(summary(reader), summary(owner), sumRows, unfolded, 12);
    expect(grown(stored, await groupRecords())).toBeGreaterThan(0);
    // All folded: the reader's summary only reads, as before this store had sums.
    await readerPrintsWhatOwnerPrints(summary(reader), summary(owner), sumRows, unfolded, 0);
  }, 120_000);

  it("a role whose transactions are read-only (as on a hot standby) gets the owner's summary too, writing nothing", async () => {
    const standby = "mailaudit_standby";
    const url = await cluster.createDatabase("standby");
    const result = await runCli(["reports", "ingest", batches[0] as string, "--db", url, "--no-progress"], {
      env: env(),
    });
    expect(result.exitCode, result.stderr).toBe(0);
    // Every right on the tables: only the read-only transactions stop it (SQLSTATE 25006, not 42501).
    await cluster.query(
      "standby",
      `CREATE ROLE ${standby} LOGIN PASSWORD '${cluster.env.PGPASSWORD}';
       ALTER ROLE ${standby} SET default_transaction_read_only = on;
       GRANT USAGE ON SCHEMA public TO ${standby};
       GRANT ALL ON ALL TABLES IN SCHEMA public TO ${standby};`,
    );
    const count = async (sql: string) => Number((await cluster.query<{ n: string }>("standby", sql))[0]?.n);
    await readerPrintsWhatOwnerPrints(
      summary(url.replace(/\/\/[^@]+@/, `//${standby}@`)),
      summary(url),
      () => Promise.all(SUM_TABLES.map((table) => count(`SELECT count(*) AS n FROM ${table}`))),
      () => count(UNFOLDED_COUNT),
      12,
    );
  }, 120_000);

  it("reports prune by the role is refused: exit 2, one line naming the store and the reason, nothing deleted", async () => {
    const reports = await count("SELECT count(*) AS n FROM reports");
    const sums = await sumRows();
    const result = await runCli(["reports", "prune", "--before", "2100-01-01", "--db", reader], {
      env: env(),
    });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(
      new RegExp(
        `^mailaudit: --db postgres://${READER}@127\\.0\\.0\\.1:\\d+/readonly: permission denied for table \\w+ \\(42501\\)\\n$`,
      ),
    );
    expect(await count("SELECT count(*) AS n FROM reports")).toBe(reports);
    expect(await sumRows()).toEqual(sums);
  });
});

/** Who may only read the store: `nobody` when we are root (file modes do not stop root), else ourselves. */
const asRoot = process.getuid?.() === 0;
function nobody(): { uid: number; gid: number } {
  const id = (flag: string) => Number(spawnSync("id", [flag, "nobody"], { encoding: "utf8" }).stdout);
  return { uid: id("-u"), gid: id("-g") };
}
/** The built CLI run by a user who can read the store but not write it. */
function runAsReader(args: string[]): Promise<CliResult> {
  // No per-user data folder of ours: nobody could not read it.
  return asRoot
    ? runCli(args, { user: nobody(), env: { XDG_DATA_HOME: join(dir, "no-data-home") } })
    : runCli(args);
}

describe("a SQLite store this user can only read", () => {
  /** A store of its own in a folder of its own, with the first batch ingested by the owner. */
  async function store(name: string): Promise<{ folder: string; db: string }> {
    const folder = join(dir, name);
    mkdirSync(folder);
    const db = join(folder, "reports.db");
    const result = await runCli(["reports", "ingest", batches[0] as string, "--db", db, "--no-progress"]);
    expect(result.exitCode, result.stderr).toBe(0);
    return { folder, db };
  }
  const count = (db: string, sql: string) => {
    const database = new DatabaseSync(db, { readOnly: true });
    try {
      return Number((database.prepare(sql).get() as { n: number }).n);
    } finally {
      database.close();
    }
  };
  const sumRows = (db: string) => async () =>
    SUM_TABLES.map((table) => count(db, `SELECT count(*) AS n FROM ${table}`));
  const unfolded = (db: string) => async () => count(db, UNFOLDED_COUNT);
  const groupRecords = (db: string) => {
    const database = new DatabaseSync(db, { readOnly: true });
    try {
      const rows = database.prepare("SELECT group_key AS key, records FROM source_groups").all();
      return new Map(rows.map((row) => [String(row.key), Number(row.records)]));
    } finally {
      database.close();
    }
  };
  /** The store read-only to the reader; its folder writable (SQLite creates its -shm there) or not. */
  const readOnly = (db: string, folder: string, folderWritable: boolean) => {
    chmodSync(db, 0o444);
    // Sticky, like /tmp: the reader may add its files but not replace the store.
    chmodSync(folder, folderWritable ? 0o1777 : 0o555);
  };
  const summary = (db: string, run: (args: string[]) => Promise<CliResult>) => (args: string[]) =>
    run(["reports", "summary", "--db", db, "--no-dns", ...args]);

  it("prints the owner's summary, byte for byte, with nothing folded, some folded and all folded, writing nothing", async () => {
    const { folder, db } = await store("shm-allowed");
    // Each run sets the modes it needs: when the tests do not run as root, owner and reader are one user.
    const owner = summary(db, (args) => {
      chmodSync(db, 0o644);
      chmodSync(folder, 0o755);
      return runCli(args);
    });
    const reader = summary(db, (args) => {
      readOnly(db, folder, true);
      return runAsReader(args);
    });
    await readerPrintsWhatOwnerPrints(reader, owner, sumRows(db), unfolded(db), 12);
    const more = await runCli(["reports", "ingest", batches[1] as string, "--db", db, "--no-progress"]);
    expect(more.exitCode, more.stderr).toBe(0);
    const stored = groupRecords(db);
    await readerPrintsWhatOwnerPrints(reader, owner, sumRows(db), unfolded(db), 12);
    expect(grown(stored, groupRecords(db))).toBeGreaterThan(0);
    await readerPrintsWhatOwnerPrints(reader, owner, sumRows(db), unfolded(db), 0);
  }, 120_000);

  it("reports prune by that user is refused: exit 2, one line naming the store and the reason, nothing deleted", async () => {
    const { folder, db } = await store("prune");
    readOnly(db, folder, true);
    const result = await runAsReader(["reports", "prune", "--before", "2100-01-01", "--db", db]);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      `mailaudit: --db ${db}: this user cannot write it (attempt to write a readonly database)\n`,
    );
    expect(count(db, "SELECT count(*) AS n FROM reports")).toBe(12);
    expect(await sumRows(db)()).toEqual([0, 0, 0]);
    chmodSync(folder, 0o755);
  });

  it("a store of an older schema, which opening would migrate: exit 2, one line saying who can, nothing changed", async () => {
    const folder = join(dir, "older");
    mkdirSync(folder);
    const db = join(folder, "reports.db");
    const older = new DatabaseSync(db);
    older.exec(`PRAGMA journal_mode = WAL; ${MIGRATIONS[0]?.sqlite} PRAGMA user_version = 1;`);
    older.close();
    readOnly(db, folder, true);
    const result = await runAsReader(["reports", "summary", "--db", db, "--no-dns"]);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      `mailaudit: --db ${db}: this user cannot write it, and opening it needs to (attempt to write a readonly database): run a reports command once as the user who ingests\n`,
    );
    expect(count(db, "SELECT user_version AS n FROM pragma_user_version")).toBe(1);
    chmodSync(folder, 0o755);
  });

  it("in a folder the user cannot write, and no other process has it open: exit 2, one line saying what SQLite needs, nothing created", async () => {
    const { folder, db } = await store("no-shm");
    readOnly(db, folder, false);
    for (const args of [
      ["reports", "summary", "--db", db, "--no-dns"],
      ["reports", "prune", "--before", "400d", "--db", db],
    ]) {
      const result = await runAsReader(args);
      expect(result.exitCode).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toBe(
        `mailaudit: --db ${db}: cannot be read without writing beside it (attempt to write a readonly database): SQLite needs to create reports.db-shm in its folder; let this user write to the folder (the store itself may stay read-only)\n`,
      );
    }
    expect(readdirSync(folder)).toEqual(["reports.db"]);
    chmodSync(folder, 0o755);
  });
});
