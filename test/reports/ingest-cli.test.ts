import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { reportEmail, reportXml, writeZipBomb, zipArchive } from "./generated-set.js";

/** End to end through the built CLI (`npx tsc -p tsconfig.json` first), on a generated input set. */
let dir: string;
let inputs: string;
const SECRET = "TOP-SECRET-LOCAL-FILE-CONTENT";
const DAY = 1_700_000_000;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mailaudit-reports-"));
  inputs = join(dir, "inputs");
  mkdirSync(inputs);
  const r1 = reportXml({
    org: "rep-a.example",
    id: "r1",
    domain: "example.test",
    begin: DAY,
    end: DAY + 86399,
    records: [
      { ip: "192.0.2.1", count: 10, dkim: "pass", spf: "pass" },
      { ip: "203.0.113.66", count: 7, dkim: "fail", spf: "fail" },
    ],
  });
  writeFileSync(join(inputs, "a.xml"), r1);
  writeFileSync(join(inputs, "a-again.bin"), r1); // the same report under a second name
  writeFileSync(
    join(inputs, "b.xml.gz"),
    gzipSync(
      reportXml({
        org: "rep-b.example",
        id: "r2",
        domain: "example.test",
        begin: DAY,
        end: DAY + 86399,
        records: [{ ip: "192.0.2.1", count: 5, dkim: "pass", spf: "fail", selector: "sel-b" }],
      }),
    ),
  );
  writeFileSync(
    join(inputs, "c.zip"),
    zipArchive([
      {
        name: "c.xml",
        data: Buffer.from(
          reportXml({
            org: "rep-c.example",
            id: "r3",
            domain: "other.test",
            begin: DAY,
            end: DAY + 86399,
            records: [{ ip: "=HYPERLINK(1)", count: 2, dkim: "pass", spf: "pass" }],
          }),
        ),
      },
      { name: "../../escape.xml", data: Buffer.from("<feedback/>") },
    ]),
  );
  writeFileSync(
    join(inputs, "d.eml"),
    reportEmail(
      "d.xml.gz",
      gzipSync(
        reportXml({
          org: "rep-d.example",
          id: "r4",
          domain: "example.test",
          begin: DAY + 86400,
          end: DAY + 2 * 86400 - 1,
          records: [{ ip: "198.51.100.9", count: 3, dkim: "pass", spf: "fail" }],
        }),
      ),
      "application/gzip",
    ),
  );
  writeFileSync(
    join(inputs, "e.xml"),
    reportXml({
      org: "rep-e.example",
      id: "r5",
      domain: "other.test",
      begin: DAY,
      end: DAY + 86399,
      dmarc2: true,
      records: [{ ip: "2001:db8::5", count: 4, dkim: "fail", spf: "fail" }],
    }),
  );
  const truncated = reportXml({
    org: "rep-f.example",
    id: "r6",
    domain: "example.test",
    begin: DAY,
    end: DAY + 86399,
    records: [{ ip: "192.0.2.77", count: 1000, dkim: "fail", spf: "fail" }],
  });
  writeFileSync(join(inputs, "truncated.xml"), truncated.slice(0, truncated.indexOf("</record>") + 5));
  writeFileSync(
    join(inputs, "laughs.xml"),
    `<?xml version="1.0"?>
<!DOCTYPE feedback [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<feedback><report_metadata><org_name>&lol3;</org_name></report_metadata></feedback>`,
  );
  const secretFile = join(dir, "secret.txt");
  writeFileSync(secretFile, SECRET);
  writeFileSync(
    join(inputs, "xxe.xml"),
    `<?xml version="1.0"?>
<!DOCTYPE feedback [<!ENTITY xxe SYSTEM "file://${secretFile}">]>
<feedback><report_metadata><org_name>&xxe;</org_name><report_id>x1</report_id><date_range><begin>1</begin><end>2</end></date_range></report_metadata>
<policy_published><domain>example.test</domain></policy_published></feedback>`,
  );
  writeFileSync(join(inputs, "notes.txt"), "this is not a report\n");
  await writeZipBomb(join(inputs, "bomb.zip"), 1024 * 1024 * 1024);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const REFUSED = [
  "truncated.xml",
  "laughs.xml",
  "xxe.xml",
  "notes.txt",
  "bomb.zip!bomb.xml",
  "c.zip!../../escape.xml",
];

async function summary(db: string, ...extra: string[]) {
  const result = await runCli(["reports", "summary", "--db", db, "--no-dns", "-f", "json", ...extra]);
  return { ...result, doc: JSON.parse(result.stdout) };
}

describe("reports ingest, end to end", () => {
  it("stores each report once, refuses the hostile and broken inputs by name, and exits 3", async () => {
    const db = join(dir, "one.db");
    const first = await runCli(["reports", "ingest", "--db", db, inputs]);
    expect(first.exitCode).toBe(3);
    for (const name of REFUSED) expect(first.stderr).toContain(`refused ${inputs}/${name}:`);
    expect(
      first.stderr
        .trim()
        .split("\n")
        .filter((l) => l.includes("refused")),
    ).toHaveLength(REFUSED.length);
    expect(first.stdout).toContain("stored 5 report(s), 1 already stored");
    expect(first.stderr).toMatch(/bomb\.zip!bomb\.xml|bomb\.zip.*size limit/);
    expect(first.elapsedMs).toBeLessThan(30_000);

    const again = await runCli(["reports", "ingest", "--db", db, inputs]);
    expect(again.stdout).toContain("stored 0 report(s), 6 already stored");

    const { doc, exitCode } = await summary(db);
    expect(exitCode).toBe(0);
    expect(doc.schemaVersion).toBe(1);
    const example = doc.domains.find((d: { domain: string }) => d.domain === "example.test");
    expect(example).toMatchObject({ reports: 3, messages: 25, pass: 18, fail: 7 });
    expect(example.sources[0]).toMatchObject({ ip: "203.0.113.66", messages: 7, pass: 0, fail: 7 });
    expect(example.dkimSelectors.map((s: { selector: string }) => s.selector).sort()).toEqual([
      "s1",
      "sel-b",
    ]);
    const other = doc.domains.find((d: { domain: string }) => d.domain === "other.test");
    expect(other).toMatchObject({ reports: 2, messages: 6, pass: 2, fail: 4 });
    expect(JSON.stringify(doc)).not.toContain(SECRET);
    expect(readFileSync(db).includes(SECRET)).toBe(false);
  }, 60_000);

  it("alerts from cron: --fail-above and --fail-on-new-sources exit 1", async () => {
    const db = join(dir, "one.db");
    expect((await summary(db, "--fail-above", "70")).exitCode).toBe(0);
    const above = await summary(db, "--domain", "example.test", "--fail-above", "10");
    expect(above.exitCode).toBe(1);
    const since = new Date((DAY + 86400) * 1000).toISOString().slice(0, 10);
    const fresh = await summary(db, "--domain", "example.test", "--since", since, "--fail-on-new-sources");
    expect(fresh.exitCode).toBe(1);
    expect(fresh.doc.domains[0].newSources).toEqual(["198.51.100.9"]);
    const usage = await runCli(["reports", "summary", "--db", db, "--fail-on-new-sources"]);
    expect(usage.exitCode).toBe(2);
  }, 30_000);

  it("escapes spreadsheet formulas in CSV", async () => {
    const csv = await runCli([
      "reports",
      "summary",
      "--db",
      join(dir, "one.db"),
      "--no-dns",
      "-f",
      "csv",
      "--domain",
      "other.test",
    ]);
    expect(csv.stdout).toContain("'=HYPERLINK(1)");
    expect(csv.stdout).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it("stores each report once when two ingests of overlapping inputs run at once", async () => {
    const db = join(dir, "concurrent.db");
    const left = join(dir, "left");
    const right = join(dir, "right");
    mkdirSync(left);
    mkdirSync(right);
    for (let i = 0; i < 30; i++) {
      const xml = reportXml({
        org: "rep.example",
        id: `c${i}`,
        domain: "race.test",
        begin: DAY,
        end: DAY + 86399,
        records: [{ ip: "192.0.2.9", count: 1, dkim: "pass", spf: "pass" }],
      });
      if (i < 20) writeFileSync(join(left, `${i}.xml`), xml);
      if (i >= 10) writeFileSync(join(right, `${i}.xml`), xml);
    }
    const [a, b] = await Promise.all([
      runCli(["reports", "ingest", "--db", db, left]),
      runCli(["reports", "ingest", "--db", db, right]),
    ]);
    expect([a.exitCode, b.exitCode], a.stderr + b.stderr).toEqual([0, 0]);
    const { doc } = await summary(db);
    expect(doc.domains[0]).toMatchObject({ domain: "race.test", reports: 30, messages: 30 });
  }, 60_000);

  it("reads stdin, and refuses a --db that is not a mailaudit store without touching it", async () => {
    const db = join(dir, "stdin.db");
    const piped = await runCli(["reports", "ingest", "--db", db, "-"], {
      input: readFileSync(join(inputs, "a.xml"), "utf8"),
    });
    expect(piped.exitCode).toBe(0);
    expect((await summary(db)).doc.domains[0]).toMatchObject({ messages: 17 });

    const notDb = join(dir, "not-a-db");
    writeFileSync(notDb, "hello, I am a text file\n".repeat(100));
    const refused = await runCli(["reports", "ingest", "--db", notDb, join(inputs, "a.xml")]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/^mailaudit: --db .*not-a-db/);
    expect(readFileSync(notDb, "utf8")).toBe("hello, I am a text file\n".repeat(100));

    // A PostgreSQL URL with a password is refused before any connection (test/store/postgres-*.test.ts
    // run the PostgreSQL store itself).
    const pg = await runCli([
      "reports",
      "ingest",
      "--db",
      "postgres://me:secret@db.example/reports",
      join(inputs, "a.xml"),
    ]);
    expect(pg.exitCode).toBe(2);
    expect(pg.stderr).toContain("a password in the URL is refused");
    expect(pg.stderr).not.toContain("secret");
  }, 30_000);

  it("parses one file without a store", async () => {
    copyFileSync(join(inputs, "e.xml"), join(dir, "single.xml"));
    const parsed = await runCli(["reports", "parse", join(dir, "single.xml")]);
    expect(parsed.exitCode).toBe(0);
    const doc = JSON.parse(parsed.stdout);
    expect(doc).toMatchObject({
      schema: "dmarc-2.0",
      policy: { domain: "other.test", np: "reject", discoveryMethod: "treewalk" },
      totals: { records: 1, messages: 4 },
    });
    const bad = await runCli(["reports", "parse", join(inputs, "truncated.xml")]);
    expect(bad.exitCode).toBe(3);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
  });
});
