/**
 * `check --reports-db` and `reportsDb:`: the DKIM selectors the report store saw signing as the
 * domain in the last 30 days are looked up; one that signed passing mail and lost its key is an
 * error, one seen only on failing mail a notice, one older than 30 days not asked at all.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseZoneFile } from "../../src/dns/zone-file.js";
import { rsaKey } from "../dkim/snapshots.js";
import { type FixtureServer, startFixtureServer } from "../helpers/dns-server.js";
import { runCli } from "../helpers/run-cli.js";
import { reportXml } from "../reports/generated-set.js";

const ZONE = `$ORIGIN keys.test.
$TTL 300
@ IN SOA ns1 host 1 900 900 1800 60
  IN NS ns1
ns1 IN A 127.0.0.1
@ IN TXT "v=spf1 -all"
_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:d@keys.test"
live._domainkey IN TXT "v=DKIM1; k=rsa; p=${rsaKey(1024)}"
`;

interface Finding {
  rule: string;
  severity: string;
  messageId: string;
  data: Record<string, unknown>;
}

describe("check --reports-db: selectors seen in recent reports", () => {
  let server: FixtureServer;
  let dir: string;
  let db: string;

  beforeAll(async () => {
    server = await startFixtureServer({ zones: [parseZoneFile(ZONE)] });
    dir = await mkdtemp(join(tmpdir(), "mailaudit-reported-"));
    db = join(dir, "reports.db");
    const now = Math.floor(Date.now() / 1000);
    const recent = reportXml({
      org: "receiver.test",
      id: "recent",
      domain: "keys.test",
      begin: now - 2 * 86_400,
      end: now - 86_400,
      records: [
        { ip: "192.0.2.1", count: 120, dkim: "pass", spf: "fail", selector: "live" },
        { ip: "192.0.2.2", count: 80, dkim: "pass", spf: "fail", selector: "gone" },
        { ip: "203.0.113.9", count: 9, dkim: "fail", spf: "fail", selector: "spoofed" },
      ],
    });
    const old = reportXml({
      org: "receiver.test",
      id: "old",
      domain: "keys.test",
      begin: now - 60 * 86_400,
      end: now - 59 * 86_400,
      records: [{ ip: "192.0.2.3", count: 50, dkim: "pass", spf: "fail", selector: "ancient" }],
    });
    await writeFile(join(dir, "recent.xml"), recent);
    await writeFile(join(dir, "old.xml"), old);
    const ingest = await runCli([
      "reports",
      "ingest",
      "--db",
      db,
      join(dir, "recent.xml"),
      join(dir, "old.xml"),
    ]);
    expect(ingest.exitCode, ingest.stderr).toBe(0);
  });

  afterAll(async () => {
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const findingsOf = (stdout: string): Finding[] =>
    (JSON.parse(stdout) as { domains: { findings: Finding[] }[] }).domains[0]?.findings ?? [];

  it("a selector that signed passing mail and has no key is an error (exit 1); failing-only is a notice", async () => {
    const result = await runCli([
      "check",
      "keys.test",
      "-r",
      server.address,
      "--reports-db",
      db,
      "-f",
      "json",
    ]);
    expect(result.exitCode, result.stderr).toBe(1);
    const reported = findingsOf(result.stdout).filter((f) => f.rule === "dkim/reported-selector-missing");
    expect(reported.map((f) => [f.messageId, f.severity, f.data.selector, f.data.count])).toEqual([
      ["liveMailFails", "error", "gone", 80],
      ["onlyFailingMail", "notice", "spoofed", 9],
    ]);
    // The key that is there and the selector last seen 60 days ago raise nothing; ancient is not even asked.
    expect(server.queries).not.toContain("TXT ancient._domainkey.keys.test");
    expect(server.queries).toContain("TXT live._domainkey.keys.test");
  });

  it("reportsDb: in the config, relative to the config file, does the same", async () => {
    const config = join(dir, "mailaudit.yaml");
    await writeFile(config, "reportsDb: reports.db\ndomains: [keys.test]\n");
    const result = await runCli(["check", "-c", config, "-r", server.address, "-f", "json"]);
    expect(result.exitCode, result.stderr).toBe(1);
    expect(findingsOf(result.stdout).some((f) => f.messageId === "liveMailFails")).toBe(true);
  });

  it("without --reports-db no reported selector is checked", async () => {
    const result = await runCli(["check", "keys.test", "-r", server.address, "-f", "json"]);
    expect(findingsOf(result.stdout).some((f) => f.rule === "dkim/reported-selector-missing")).toBe(false);
  });

  it("a --reports-db that is no report store is a usage error (exit 2)", async () => {
    const bogus = join(dir, "not-a-store.db");
    await writeFile(bogus, "hello");
    const result = await runCli(["check", "keys.test", "-r", server.address, "--reports-db", bogus]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });
});
