import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentDomains } from "../../src/reports/silence.js";
import { runCli } from "../helpers/run-cli.js";
import { reportXml } from "./generated-set.js";

const DAY = 86_400;

describe("silentDomains", () => {
  it("names domains whose latest report ended before the cut-off, or that never had one", () => {
    const now = 1_800_000_000;
    const latest = new Map([
      ["fresh.test", now - 2 * DAY],
      ["edge.test", now - 7 * DAY],
      ["stale.test", now - 7 * DAY - 1],
    ]);
    expect(silentDomains(["fresh.test", "edge.test", "stale.test", "never.test"], latest, 7, now)).toEqual([
      { domain: "stale.test", latest: now - 7 * DAY - 1 },
      { domain: "never.test", latest: null },
    ]);
  });
});

/** `reports summary --fail-if-silent <days>` through the built CLI, on a store filled by ingest. */
describe("reports summary --fail-if-silent", () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "mailaudit-silent-"));
    db = join(dir, "store.db");
    const now = Math.floor(Date.now() / 1000);
    const report = (domain: string, id: string, endDaysAgo: number) =>
      reportXml({
        org: "rep.example",
        id,
        domain,
        begin: now - (endDaysAgo + 1) * DAY,
        end: now - endDaysAgo * DAY,
        records: [{ ip: "192.0.2.1", count: 1, dkim: "pass", spf: "pass" }],
      });
    writeFileSync(join(dir, "a-old.xml"), report("a.test", "a1", 40));
    writeFileSync(join(dir, "a-new.xml"), report("a.test", "a2", 1));
    writeFileSync(join(dir, "b.xml"), report("b.test", "b1", 20));
    const ingest = await runCli([
      "reports",
      "ingest",
      "--db",
      db,
      join(dir, "a-old.xml"),
      join(dir, "a-new.xml"),
      join(dir, "b.xml"),
    ]);
    expect(ingest.exitCode, ingest.stderr).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const summary = (...args: string[]) =>
    runCli(["reports", "summary", "--db", db, "--no-dns", "-f", "json", ...args], { cwd: dir });

  it("every domain in the store: exit 1 naming the silent one only", async () => {
    const result = await summary("--fail-if-silent", "7");
    expect(result.exitCode).toBe(1);
    const alerts = result.stderr.split("\n").filter(Boolean);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatch(/^mailaudit: b\.test: no report whose period ended in the last 7 day\(s\)/);
    expect((await summary("--fail-if-silent", "30")).exitCode).toBe(0);
    expect((await summary("--fail-if-silent", "7", "--domain", "a.test")).exitCode).toBe(0);
  });

  it("the config's domains when one is given: a declared domain with no report at all is silent", async () => {
    const config = join(dir, "watch.yaml");
    writeFileSync(config, "domains:\n  - domain: a.test\n  - domain: c.test\n");
    const result = await summary("--fail-if-silent", "7", "-c", config);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(
      "c.test: no report whose period ended in the last 7 day(s) (none stored)",
    );
    expect(result.stderr).not.toContain("b.test");
  });

  it("a number of days that is not one is a usage error", async () => {
    for (const bad of ["0", "1.5", "x", "-3"])
      expect((await summary("--fail-if-silent", bad)).exitCode).toBe(2);
  });
});
