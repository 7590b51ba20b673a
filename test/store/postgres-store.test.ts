/**
 * The PostgreSQL store against a real cluster (test/helpers/postgres.ts): the same summary bytes as
 * SQLite, credentials only from PGPASSWORD / ~/.pgpass / a service file, TLS per sslmode, the exit
 * codes of a bad URL (2) and of an unreachable server (3), migrations from an older schema and
 * under concurrent first runs, prune, and the IMAP cursor. Runs the built CLI.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dailyVolumes } from "../../src/reports/daily-volumes.js";
import type { ReportRecord } from "../../src/reports/types.js";
import { MIGRATIONS } from "../../src/store/migrations.js";
import { PostgresStore } from "../../src/store/postgres/postgres-store.js";
import { SqliteStore } from "../../src/store/sqlite-store.js";
import { fuzzOptions } from "../fuzz/fuzz-kit.js";
import { CONFORMANCE_DIR } from "../helpers/fixtures.js";
import { freePort } from "../helpers/ports.js";
import {
  PG_PASSWORD,
  PG_USER,
  type PostgresCluster,
  postgresAvailable,
  startPostgres,
} from "../helpers/postgres.js";
import { runCli } from "../helpers/run-cli.js";
import { mixedReportXml } from "../reports/generated-set.js";

const DAY = 1_700_000_000;
let cluster: PostgresCluster;
let dir: string;
let inputs: string;
/** No password reaches the CLI unless a test gives one. */
const NO_CREDENTIALS = {
  PGPASSWORD: "",
  PGPASSFILE: "/nonexistent/pgpass",
  PGSERVICEFILE: "/nonexistent/svc",
};
const withPassword = () => ({ ...NO_CREDENTIALS, ...cluster.env });

function writeInputs(): void {
  inputs = join(dir, "inputs");
  mkdirSync(inputs);
  for (let i = 0; i < 30; i++)
    writeFileSync(join(inputs, `r${String(i).padStart(2, "0")}.xml`), mixedReportXml(i, DAY));
}

beforeAll(async () => {
  if (!postgresAvailable()) return;
  cluster = await startPostgres();
  dir = mkdtempSync(join(tmpdir(), "mailaudit-pg-store-"));
  writeInputs();
}, 120_000);
afterAll(async () => {
  await cluster?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const ingest = (db: string, paths: string[], env = withPassword()) =>
  runCli(["reports", "ingest", ...paths, "--db", db, "--no-progress"], { env });
const summary = (db: string, extra: string[] = [], env = withPassword()) =>
  runCli(["reports", "summary", "--db", db, "-f", "json", "--no-dns", ...extra], { env });

describe.skipIf(!postgresAvailable())("PostgreSQL store", () => {
  it("gives the same summary JSON, byte for byte, as SQLite for the same inputs", async () => {
    const url = await cluster.createDatabase("parity");
    const sqlite = join(dir, "parity.db");
    const corpus = join(CONFORMANCE_DIR, "dmarc-reports", "aggregate");
    const pg = await ingest(url, [inputs, corpus]);
    const lite = await ingest(sqlite, [inputs, corpus]);
    expect(pg.stdout).toBe(lite.stdout);
    expect(pg.stdout).toMatch(/^stored [1-9]\d* report\(s\)/);
    expect(pg.exitCode).toBe(lite.exitCode);
    for (const extra of [[], ["--since", "2023-11-16"], ["--domain", "a.example"]]) {
      const fromPg = await summary(url, extra);
      const fromSqlite = await summary(sqlite, extra);
      expect(fromPg.exitCode).toBe(0);
      expect(fromPg.stdout).toBe(fromSqlite.stdout);
    }
    const csv = await runCli(["reports", "summary", "--db", url, "-f", "csv", "--no-dns"], {
      env: withPassword(),
    });
    const csvLite = await runCli(["reports", "summary", "--db", sqlite, "-f", "csv", "--no-dns"]);
    expect(csv.stdout).toBe(csvLite.stdout);
    // The page too (its day series and per-source day volumes are queries of their own).
    const html = await runCli(["reports", "summary", "--db", url, "-f", "html", "--no-dns"], {
      env: withPassword(),
    });
    const htmlLite = await runCli(["reports", "summary", "--db", sqlite, "-f", "html", "--no-dns"]);
    expect(html.stdout.length).toBeGreaterThan(1000);
    expect(html.stdout === htmlLite.stdout).toBe(true);
    // The per-source day volumes the page stacks by class once sources are classified.
    process.env.PGPASSWORD = PG_PASSWORD;
    const pgStore = await PostgresStore.open(url);
    delete process.env.PGPASSWORD;
    const liteStore = new SqliteStore(sqlite);
    try {
      for (const filter of [{}, { since: DAY + 3 * 86_400 }, { domain: "a.example" }]) {
        const fromPg = await dailyVolumes(pgStore, filter);
        expect(fromPg.size).toBeGreaterThan(0);
        expect(fromPg).toEqual(await dailyVolumes(liteStore, filter));
      }
    } finally {
      await pgStore.close();
      await liteStore.close();
    }
    // Ingesting again stores nothing, in both.
    const again = await ingest(url, [inputs]);
    expect(again.stdout).toBe("stored 0 report(s), 30 already stored, 0 refused\n");
    // Ingests the whole corpus into both stores and summarizes six times: slow on a loaded machine.
  }, 120_000);

  it("refuses a password in the URL with the reason, exit 2, before connecting", async () => {
    for (const url of [
      `postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${cluster.port}/postgres`,
      `postgres://${PG_USER}@127.0.0.1:${cluster.port}/postgres?password=${PG_PASSWORD}`,
    ]) {
      const result = await summary(url);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toMatch(/password in the URL is refused.*ps.*shell history/);
      expect(result.stderr).not.toContain(PG_PASSWORD);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
    }
  });

  it("refuses a malformed URL, an unknown parameter or sslmode with exit 2", async () => {
    for (const [url, reason] of [
      ["postgres://[bad/db", /not a valid URL/],
      [cluster.url("postgres", "sslmode=sometimes"), /sslmode "sometimes" is not one of/],
      [cluster.url("postgres", "colour=blue"), /unknown parameter "colour"/],
      [`postgres://${PG_USER}@127.0.0.1:99999/postgres`, /not a valid URL|port/],
    ] as const) {
      const result = await summary(url);
      expect(result.exitCode, `${url}: ${result.stderr}`).toBe(2);
      expect(result.stderr).toMatch(reason);
    }
  });

  it("takes the password from PGPASSWORD, ~/.pgpass or a service file, and says where to put it when none", async () => {
    const url = await cluster.createDatabase("credentials");
    const none = await summary(url, [], NO_CREDENTIALS);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toMatch(/asks for a password.*PGPASSWORD, ~\/\.pgpass or a service file/);

    const wrong = await summary(url, [], { ...NO_CREDENTIALS, PGPASSWORD: "wrong" });
    expect(wrong.exitCode).toBe(2);
    expect(wrong.stderr).toMatch(/password authentication failed/);

    expect((await summary(url, [], withPassword())).exitCode).toBe(0);

    const pgpass = join(dir, "pgpass");
    writeFileSync(pgpass, `127.0.0.1:${cluster.port}:credentials:${PG_USER}:${PG_PASSWORD}\n`, {
      mode: 0o600,
    });
    expect((await summary(url, [], { ...NO_CREDENTIALS, PGPASSFILE: pgpass })).exitCode).toBe(0);

    const services = join(dir, "pg_service.conf");
    writeFileSync(
      services,
      `# test services\n[audit]\nhost=127.0.0.1\nport=${cluster.port}\ndbname=credentials\nuser=${PG_USER}\npassword=${PG_PASSWORD}\n`,
      { mode: 0o600 },
    );
    const viaService = await summary("postgres:///?service=audit", [], {
      ...NO_CREDENTIALS,
      PGSERVICEFILE: services,
    });
    expect(viaService.exitCode, viaService.stderr).toBe(0);
    const missing = await summary("postgres:///?service=other", [], {
      ...NO_CREDENTIALS,
      PGSERVICEFILE: services,
    });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/service "other" is not defined/);
  });

  it("follows sslmode: verify-full checks the CA and the name, verify-ca the CA, require encrypts, disable does not", async () => {
    const url = await cluster.createDatabase("tls");
    const encrypted = async (mode: string) => {
      const store = await PostgresStore.open(`${url}?sslmode=${mode}&sslrootcert=${cluster.caFile}`);
      try {
        const rows = await store.select("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", []);
        return rows[0]?.ssl;
      } finally {
        await store.close();
      }
    };
    process.env.PGPASSWORD = PG_PASSWORD;
    try {
      expect(await encrypted("require")).toBe(true);
      expect(await encrypted("prefer")).toBe(true);
      expect(await encrypted("verify-ca")).toBe(true);
      expect(await encrypted("disable")).toBe(false);
    } finally {
      delete process.env.PGPASSWORD;
    }
    const exitCode = async (host: string, query: string) =>
      (await summary(`postgres://${PG_USER}@${host}:${cluster.port}/tls?${query}`)).exitCode;
    // The server's certificate names localhost only (helpers/postgres.ts).
    expect(await exitCode("localhost", `sslmode=verify-full&sslrootcert=${cluster.caFile}`)).toBe(0);
    expect(await exitCode("127.0.0.1", `sslmode=verify-full&sslrootcert=${cluster.caFile}`)).toBe(3);
    expect(await exitCode("127.0.0.1", `sslmode=verify-ca&sslrootcert=${cluster.caFile}`)).toBe(0);
    // Another CA (here: the server's own certificate, which signed nothing) does not verify the chain.
    expect(await exitCode("127.0.0.1", `sslmode=verify-ca&sslrootcert=${cluster.serverCertFile}`)).toBe(3);
    const missingCa = await summary(
      cluster.url("tls", "sslmode=verify-full&sslrootcert=/nonexistent/ca.crt"),
    );
    expect(missingCa.exitCode).toBe(2);
    expect(missingCa.stderr).toMatch(/cannot read sslrootcert \/nonexistent\/ca.crt/);
  });

  it("exits 3 when the server cannot be reached, storing nothing and leaving inputs alone", async () => {
    const port = await freePort();
    const result = await ingest(`postgres://${PG_USER}@127.0.0.1:${port}/db`, [inputs]);
    expect(result.exitCode).toBe(3);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/ECONNREFUSED/);
  });

  it("a database that does not exist: every reports command exits 2 with one line naming it, none creates it", async () => {
    const url = cluster.url("no_such_store");
    for (const args of [
      ["summary", "--no-dns"],
      ["prune", "--before", "400d"],
      ["ingest", "--no-progress", inputs],
    ]) {
      const result = await runCli(["reports", ...args, "--db", url], { env: withPassword() });
      expect(result.exitCode, result.stderr).toBe(2);
      expect(result.stderr).toMatch(
        /^mailaudit: --db postgres:\/\/\S+\/no_such_store: .*does not exist.*\n$/,
      );
    }
    expect(
      await cluster.query(
        "postgres",
        "SELECT count(*)::int AS n FROM pg_database WHERE datname = 'no_such_store'",
      ),
    ).toEqual([{ n: 0 }]);
  });

  it("refuses a database holding another program's reports table, changing nothing (exit 2)", async () => {
    const url = await cluster.createDatabase("foreign");
    await cluster.query(
      "foreign",
      "CREATE TABLE reports (id int, note text); INSERT INTO reports VALUES (1, 'theirs')",
    );
    const result = await ingest(url, [inputs]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/has a table "reports" that is not a mailaudit store's/);
    expect(await cluster.query("foreign", "SELECT * FROM reports")).toEqual([{ id: 1, note: "theirs" }]);
    expect(await cluster.query("foreign", "SELECT to_regclass('mailaudit_schema') AS t")).toEqual([
      { t: null },
    ]);
  });

  it("refuses a store written by a newer mailaudit (exit 2) without changing it", async () => {
    const url = await cluster.createDatabase("newer");
    expect((await summary(url)).exitCode).toBe(0);
    await cluster.query("newer", "UPDATE mailaudit_schema SET version = $1", [MIGRATIONS.length + 1]);
    const result = await ingest(url, [inputs]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/written by a newer mailaudit/);
    expect(await cluster.query("newer", "SELECT count(*)::int AS n FROM reports")).toEqual([{ n: 0 }]);
  });

  it("migrates a store of an older schema version, keeping its reports (PostgreSQL and SQLite)", async () => {
    // Version 1 as the first release created it, holding one report ingested by hand.
    const url = await cluster.createDatabase("older");
    await cluster.query(
      "older",
      `CREATE TABLE mailaudit_schema (version integer NOT NULL); INSERT INTO mailaudit_schema VALUES (1); ${MIGRATIONS[0]?.postgres}`,
    );
    await cluster.query(
      "older",
      `INSERT INTO reports (org_name, report_id, policy_domain, begin_ts, end_ts, email, schema, version, errors, source, ingested_at, record_count, message_count)
       VALUES ('old.example', 'old-1', 'a.example', ${DAY}, ${DAY + 86_399}, '', 'rfc7489', '1.0', '[]', 'old', 0, 1, 5);
       INSERT INTO records (report, source_ip, count, disposition, dkim, spf, reasons, header_from, envelope_from, envelope_to)
       SELECT id, '198.51.100.1', 5, 'none', 'pass', 'pass', '[]', 'a.example', '', '' FROM reports`,
    );
    const sqlite = join(dir, "older.db");
    const lite = new DatabaseSync(sqlite);
    lite.exec(MIGRATIONS[0]?.sqlite as string);
    lite.exec(`INSERT INTO reports (org_name, report_id, policy_domain, begin_ts, end_ts, email, schema, version, errors, source, ingested_at, record_count, message_count)
       VALUES ('old.example', 'old-1', 'a.example', ${DAY}, ${DAY + 86_399}, '', 'rfc7489', '1.0', '[]', 'old', 0, 1, 5);
       INSERT INTO records (report, source_ip, count, disposition, dkim, spf, reasons, header_from, envelope_from, envelope_to)
       SELECT id, '198.51.100.1', 5, 'none', 'pass', 'pass', '[]', 'a.example', '', '' FROM reports;
       PRAGMA user_version = 1;`);
    lite.close();

    for (const db of [url, sqlite]) {
      const result = await ingest(db, [inputs]);
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stdout).toBe("stored 30 report(s), 0 already stored, 0 refused\n");
    }
    expect(await cluster.query("older", "SELECT version FROM mailaudit_schema")).toEqual([
      { version: MIGRATIONS.length },
    ]);
    const view =
      "SELECT domain, messages, pass FROM daily_pass_rate WHERE domain = 'a.example' ORDER BY day LIMIT 1";
    const fromPg = await cluster.query<{ domain: string; messages: string; pass: string }>("older", view);
    const sql = new DatabaseSync(sqlite, { readOnly: true });
    const fromSqlite = sql.prepare(view).all() as { domain: string; messages: number; pass: number }[];
    expect(Number(sql.prepare("PRAGMA user_version").get()?.user_version)).toBe(MIGRATIONS.length);
    sql.close();
    expect(fromPg.map((r) => [r.domain, Number(r.messages), Number(r.pass)])).toEqual(
      fromSqlite.map((r) => [r.domain, r.messages, r.pass]),
    );
    // The old report is still there and counted.
    const [older, newer] = [await summary(url), await summary(sqlite)];
    expect(older.stdout).toBe(newer.stdout);
    expect(JSON.parse(older.stdout).domains[0].reporters.map((r: { org: string }) => r.org)).toContain(
      "old.example",
    );
  });

  it("migrates once when four first runs start at the same moment", async () => {
    const url = await cluster.createDatabase("racing");
    const runs = await Promise.all([0, 1, 2, 3].map(() => summary(url)));
    expect(runs.map((r) => r.exitCode)).toEqual([0, 0, 0, 0]);
    expect(await cluster.query("racing", "SELECT version FROM mailaudit_schema")).toEqual([
      { version: MIGRATIONS.length },
    ]);
  });

  it("prunes reports whose period ended before a date, with their records, in both stores", async () => {
    const url = await cluster.createDatabase("prune");
    const sqlite = join(dir, "prune.db");
    for (const db of [url, sqlite]) {
      await ingest(db, [inputs]);
      // Periods end on DAY + k days + 86,399 s for k = 0..4: before DAY + 2 days are k = 0 and 1.
      const before = new Date((DAY + 2 * 86_400) * 1000).toISOString();
      const pruned = await runCli(["reports", "prune", "--before", before, "--db", db], {
        env: withPassword(),
      });
      expect(pruned.exitCode, pruned.stderr).toBe(0);
      expect(pruned.stdout).toMatch(/^pruned 12 report\(s\) whose period ended before /);
      const left = JSON.parse((await summary(db)).stdout);
      expect(left.domains.reduce((n: number, d: { reports: number }) => n + d.reports, 0)).toBe(18);
    }
    // Nothing is left behind: every record has its report, every auth row its record.
    expect(
      await cluster.query(
        "prune",
        `SELECT (SELECT count(*)::int FROM records r LEFT JOIN reports p ON p.id = r.report WHERE p.id IS NULL) AS records,
                (SELECT count(*)::int FROM auth_results a LEFT JOIN records r ON r.id = a.record WHERE r.id IS NULL) AS auths,
                (SELECT count(*) FROM auth_results) = 2 * (SELECT count(*) FROM records) AS kept_whole`,
      ),
    ).toEqual([{ records: 0, auths: 0, kept_whole: true }]);
    expect((await summary(url)).stdout).toBe((await summary(sqlite)).stdout);
    const bad = await runCli(["reports", "prune", "--before", "last tuesday", "--db", sqlite]);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/--before "last tuesday"/);
  });

  it("stores any text exactly (quotes, backslashes, braces, commas, NULL, emoji) through the batch arrays", async () => {
    const url = await cluster.createDatabase("texts");
    process.env.PGPASSWORD = PG_PASSWORD;
    const store = await PostgresStore.open(url);
    delete process.env.PGPASSWORD;
    // Any Unicode text PostgreSQL can hold (no NUL, which no XML report can carry either).
    const text = fc
      .oneof(
        fc.string({ unit: "grapheme", maxLength: 12 }),
        fc.constantFrom("NULL", '"', "\\", "{}", "a,b", '\\"', " lead", ""),
      )
      .filter((t) => !t.includes("\u0000"));
    let n = 0;
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(text, text, text), { minLength: 1, maxLength: 5 }),
          async (rows) => {
            const id = `t${n++}`;
            const records: ReportRecord[] = rows.map(([ip, from, selector], i) => ({
              sourceIp: ip,
              count: i + 1,
              disposition: "none",
              dkim: "pass",
              spf: "fail",
              reasons: [{ type: from, comment: selector }],
              headerFrom: from,
              envelopeFrom: "",
              envelopeTo: "",
              dkimResults: [{ domain: from, selector, result: "pass" }],
              spfResults: [],
            }));
            const transaction = store.startReport(
              {
                schema: "rfc7489",
                version: "1.0",
                metadata: { orgName: "o", email: "", reportId: id, begin: 1, end: 2, errors: [] },
                policy: { domain: "texts.example" },
              },
              "property",
            );
            for (const record of records) transaction.add(record);
            expect(await transaction.commit({ records: records.length, messages: 0 }, undefined)).toBe(
              "stored",
            );
            const stored = await store.select(
              `SELECT r.source_ip, r.header_from, r.reasons, a.selector, a.domain FROM records r
               JOIN reports p ON p.id = r.report JOIN auth_results a ON a.record = r.id
              WHERE p.report_id = ? ORDER BY r.count`,
              [id],
            );
            expect(stored).toEqual(
              records.map((r) => ({
                source_ip: r.sourceIp,
                header_from: r.headerFrom,
                reasons: JSON.stringify(r.reasons),
                selector: r.dkimResults[0]?.selector,
                domain: r.dkimResults[0]?.domain,
              })),
            );
          },
        ),
        fuzzOptions(60),
      );
    } finally {
      await store.close();
    }
  });

  it("keeps the IMAP cursor as SQLite does: per account and folder, never backwards within one UIDVALIDITY", async () => {
    const url = await cluster.createDatabase("cursor");
    process.env.PGPASSWORD = PG_PASSWORD;
    const store = await PostgresStore.open(url);
    delete process.env.PGPASSWORD;
    try {
      expect(await store.readImapCursor("u@h:993", "INBOX")).toBeUndefined();
      await store.saveImapCursor("u@h:993", "INBOX", { uidValidity: 7, lastUid: 40 });
      await store.saveImapCursor("u@h:993", "INBOX", { uidValidity: 7, lastUid: 12 });
      expect(await store.readImapCursor("u@h:993", "INBOX")).toEqual({ uidValidity: 7, lastUid: 40 });
      await store.saveImapCursor("u@h:993", "INBOX", { uidValidity: 9, lastUid: 3 });
      expect(await store.readImapCursor("u@h:993", "INBOX")).toEqual({ uidValidity: 9, lastUid: 3 });
      expect(await store.readImapCursor("u@h:993", "Other")).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});
