/**
 * Decompression bombs whose danger is only visible while inflating: a gzip stream and a zip whose
 * headers understate the inflated size. Both must be cut off at the output limit (not inflated to
 * 1 GiB), named on stderr, while the good report beside them is stored; exit 3 (docs/cli.md).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { reportXml, writeGzipBomb, writeZipBomb } from "./generated-set.js";

const GIB = 1024 * 1024 * 1024;
let dir: string;
let inputs: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mailaudit-bombs-"));
  inputs = join(dir, "inputs");
  mkdirSync(inputs);
  await writeGzipBomb(join(inputs, "bomb.xml.gz"), GIB);
  await writeZipBomb(join(inputs, "liar.zip"), GIB, 1024);
  writeFileSync(
    join(inputs, "good.xml"),
    reportXml({
      org: "rep.example",
      id: "good-1",
      domain: "example.test",
      begin: 1_700_000_000,
      end: 1_700_086_399,
      records: [{ ip: "192.0.2.1", count: 4, dkim: "pass", spf: "pass" }],
    }),
  );
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("decompression bombs", () => {
  it("refuses a 1 GiB gzip bomb and a zip lying about its size, storing the good report beside them", async () => {
    const db = join(dir, "store.db");
    const result = await runCli(["reports", "ingest", "--db", db, "--max-size", "16", inputs]);
    expect(result.exitCode).toBe(3);
    const refused = result.stderr.trim().split("\n");
    // Each is stopped by the output limit while inflating, not by what its headers declare.
    expect(refused.find((line) => line.includes("bomb.xml.gz"))).toMatch(/size limit/);
    expect(refused.find((line) => line.includes("liar.zip"))).toMatch(/too many bytes|size limit/);
    expect(result.stdout).toMatch(/stored 1 report/);
    const summary = await runCli(["reports", "summary", "--db", db, "--no-dns", "-f", "json"]);
    expect(JSON.parse(summary.stdout).domains).toMatchObject([
      { domain: "example.test", reports: 1, messages: 4 },
    ]);
  }, 120_000);
});
