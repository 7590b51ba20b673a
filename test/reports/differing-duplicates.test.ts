/**
 * Two inputs with the same report identity: a copy is "already stored" quietly; different content is
 * named on stderr with both inputs, and the first stays stored. SQLite, and PostgreSQL when installed.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PostgresCluster, postgresAvailable, startPostgres } from "../helpers/postgres.js";
import { runCli } from "../helpers/run-cli.js";
import { reportXml } from "./generated-set.js";

const report = (ip: string, count: number) =>
  reportXml({
    org: "receiver.example",
    id: "same-id-1",
    domain: "example.com",
    begin: 1_700_000_000,
    end: 1_700_086_399,
    records: [{ ip, count, dkim: "pass", spf: "pass" }],
  });

let dir: string;
let first: string;
let copy: string;
let gzipped: string;
let other: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "mailaudit-differing-"));
  [first, copy, gzipped, other] = ["first.xml", "copy.xml", "copy.xml.gz", "other.xml"].map((f) =>
    join(dir, f),
  ) as [string, string, string, string];
  writeFileSync(first, report("192.0.2.1", 5));
  writeFileSync(copy, report("192.0.2.1", 5));
  writeFileSync(gzipped, gzipSync(report("192.0.2.1", 5)));
  // Same identity, one address and the same count: only the content tells them apart.
  writeFileSync(other, report("192.0.2.2", 5));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function ingestAll(db: string, env: Record<string, string> = {}) {
  const result = await runCli(
    ["reports", "ingest", "--db", db, "--no-progress", first, copy, gzipped, other],
    {
      env,
    },
  );
  const summary = await runCli(["reports", "summary", "--db", db, "-f", "json", "--no-dns"], { env });
  return { result, sources: JSON.parse(summary.stdout).domains[0].sources.map((s: { ip: string }) => s.ip) };
}

function expectDifferingNamed(result: Awaited<ReturnType<typeof ingestAll>>) {
  expect(result.result.exitCode).toBe(0);
  expect(result.result.stdout).toContain("stored 1 report(s), 3 already stored, 0 refused");
  const notes = result.result.stderr.trim().split("\n");
  // Only the input with other content is named, with the stored one; copies are quiet.
  expect(notes).toEqual([
    `mailaudit: note: ${other}: same report same-id-1 from receiver.example for example.com as ${first}, stored already, but the contents differ; the stored copy is kept`,
  ]);
  expect(result.sources).toEqual(["192.0.2.1"]);
}

describe("same report identity, different content", () => {
  it("SQLite: kept first, both inputs named on stderr, copies quiet", async () => {
    expectDifferingNamed(await ingestAll(join(dir, "reports.db")));
  });

  describe.runIf(postgresAvailable())("PostgreSQL", () => {
    let cluster: PostgresCluster;
    beforeAll(async () => {
      cluster = await startPostgres();
    }, 120_000);
    afterAll(async () => {
      await cluster?.close();
    });

    it("the same", async () => {
      const url = await cluster.createDatabase("differing");
      expectDifferingNamed(await ingestAll(url, cluster.env));
    });
  });
});
