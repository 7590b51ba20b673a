/**
 * Hostile report inputs the ingest walks into: FIFOs and devices (a read would block forever),
 * symbolic-link loops, links to files that are not reports (their content must not be printed),
 * containers nested past the depth limit, archives with too many entries. Every run ends, names what
 * it refused, and stores the rest. Runs the built CLI (`npx tsc -p tsconfig.json` first).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { reportXml, zipArchive } from "../reports/generated-set.js";

const SECRET = "PRIVATE KEY MATERIAL 5f3c9e";
let dir: string;
const good = (id: string) =>
  reportXml({
    org: "rep.example",
    id,
    domain: "inputs.test",
    begin: 1_700_000_000,
    end: 1_700_086_399,
    records: [{ ip: "192.0.2.1", count: 3, dkim: "pass", spf: "pass" }],
  });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "mailaudit-report-inputs-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ingest = (db: string, ...paths: string[]) =>
  runCli(["reports", "ingest", "--db", join(dir, db), ...paths]);

function expectEndedCleanly(result: { stderr: string; elapsedMs: number }) {
  expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(result.elapsedMs).toBeLessThan(30_000);
}

describe("hostile inputs to reports ingest", () => {
  it("a FIFO inside a folder is skipped without blocking; one named on the command line is refused by name", async () => {
    const folder = join(dir, "with-fifo");
    mkdirSync(folder);
    writeFileSync(join(folder, "a.xml"), good("fifo-1"));
    const fifo = join(folder, "pipe.xml");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    const walked = await ingest("fifo.db", folder);
    expectEndedCleanly(walked);
    expect(walked.exitCode, walked.stderr).toBe(0);
    expect(walked.stdout).toContain("stored 1 report(s)");
    const named = await ingest("fifo.db", fifo);
    expectEndedCleanly(named);
    expect(named.exitCode).toBe(3);
    expect(named.stderr).toMatch(/refused .*pipe\.xml: not a regular file or folder/);
  });

  it("a linked folder named on the command line is read; a link loop inside it is not followed", async () => {
    const real = join(dir, "real-maildir");
    mkdirSync(join(real, "cur"), { recursive: true });
    mkdirSync(join(real, "new"));
    writeFileSync(join(real, "cur", "1.xml"), good("link-1"));
    symlinkSync(real, join(real, "new", "loop"));
    symlinkSync(dir, join(real, "cur", "up"));
    const link = join(dir, "maildir-link");
    symlinkSync(real, link);
    const result = await ingest("links.db", link);
    expectEndedCleanly(result);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain("stored 1 report(s), 0 already stored, 0 refused");
  });

  it("a link to a file that is not a report is refused by name, its content never printed", async () => {
    const folder = join(dir, "with-secret-link");
    mkdirSync(folder);
    const secret = join(dir, "id_ed25519");
    writeFileSync(
      secret,
      `-----BEGIN OPENSSH PRIVATE KEY-----\n${SECRET}\n-----END OPENSSH PRIVATE KEY-----\n`,
    );
    symlinkSync(secret, join(folder, "report.xml"));
    // And a report whose text tries to pull the file in as an external entity.
    writeFileSync(
      join(folder, "xxe.xml"),
      `<?xml version="1.0"?><!DOCTYPE f [<!ENTITY x SYSTEM "file://${secret}">]><feedback><report_metadata><org_name>&x;</org_name></report_metadata></feedback>`,
    );
    const result = await ingest("secret.db", folder, "--keep-raw");
    expectEndedCleanly(result);
    expect(result.exitCode).toBe(3);
    expect(result.stdout + result.stderr).not.toContain(SECRET);
    const parsed = await runCli(["reports", "parse", join(folder, "report.xml")]);
    expect(parsed.exitCode).toBe(3);
    expect(parsed.stdout + parsed.stderr).not.toContain(SECRET);
  });

  it("gzip nested ten deep is refused at the depth limit; the report beside it is stored", async () => {
    const folder = join(dir, "nested");
    mkdirSync(folder);
    let bytes: Buffer = Buffer.from(good("deep"));
    for (let i = 0; i < 10; i++) bytes = gzipSync(bytes);
    writeFileSync(join(folder, "deep.xml.gz"), bytes);
    writeFileSync(join(folder, "ok.xml"), good("shallow"));
    const result = await ingest("nested.db", folder);
    expectEndedCleanly(result);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(/refused .*deep\.xml\.gz: containers nested more than \d+ deep/);
    expect(result.stdout).toContain("stored 1 report(s)");
  });

  it("a zip of 1,100 entries: the first 1,000 are read, the rest refused with the reason", async () => {
    const entries = Array.from({ length: 1100 }, (_, i) => ({
      name: `r${i}.xml`,
      data: Buffer.from(good(`zip-${i}`)),
    }));
    const zip = join(dir, "many.zip");
    writeFileSync(zip, zipArchive(entries));
    const result = await ingest("zip.db", zip);
    expectEndedCleanly(result);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(/more than 1000 entries/);
    expect(result.stdout).toContain("stored 1000 report(s)");
  }, 60_000);
});
