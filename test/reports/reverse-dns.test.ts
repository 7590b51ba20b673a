/**
 * `reports summary` names each source IP by its PTR record, asked through mailaudit's resolver
 * (here the fixture DNS server); `--no-dns` asks nothing.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseZoneFile } from "../../src/dns/zone-file.js";
import { reverseName } from "../../src/reports/reverse-dns.js";
import { type FixtureServer, startFixtureServer } from "../helpers/dns-server.js";
import { runCli } from "../helpers/run-cli.js";
import { reportXml } from "./generated-set.js";

let dir: string;
let db: string;
let server: FixtureServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mailaudit-ptr-"));
  db = join(dir, "store.db");
  const report = join(dir, "r.xml");
  writeFileSync(
    report,
    reportXml({
      org: "rep.example",
      id: "ptr-1",
      domain: "example.test",
      begin: 1_700_000_000,
      end: 1_700_086_399,
      records: [
        { ip: "192.0.2.25", count: 5, dkim: "pass", spf: "pass" },
        { ip: "2001:db8::25", count: 2, dkim: "fail", spf: "fail" },
        { ip: "198.51.100.7", count: 1, dkim: "fail", spf: "fail" },
      ],
    }),
  );
  expect((await runCli(["reports", "ingest", "--db", db, report])).exitCode).toBe(0);
  server = await startFixtureServer({
    zones: [
      parseZoneFile("$ORIGIN 2.0.192.in-addr.arpa.\n25 PTR mail.example.test.\n"),
      parseZoneFile(
        `$ORIGIN 8.b.d.0.1.0.0.2.ip6.arpa.\n${"5.2.0.0.".concat("0.0.0.0.".repeat(4), "0.0.0.0")} PTR mx6.example.test.\n`,
      ),
    ],
  });
}, 60_000);

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("reports summary reverse DNS", () => {
  it("builds in-addr.arpa and ip6.arpa names (RFC 1035 §3.5, RFC 3596 §2.5)", () => {
    expect(reverseName("192.0.2.25")).toBe("25.2.0.192.in-addr.arpa");
    expect(reverseName("2001:db8::25")).toBe(`5.2.0.0.${"0.0.0.0.".repeat(5)}8.b.d.0.1.0.0.2.ip6.arpa`);
    expect(reverseName("not-an-ip")).toBeUndefined();
  });

  it("names sources by PTR through the given resolver, null where there is none", async () => {
    const result = await runCli([
      "reports",
      "summary",
      "--db",
      db,
      "-r",
      server.address,
      "--timeout",
      "1",
      "-f",
      "json",
    ]);
    expect(result.exitCode).toBe(0);
    const sources = JSON.parse(result.stdout).domains[0].sources as { ip: string; name: string | null }[];
    const names = Object.fromEntries(sources.map((s) => [s.ip, s.name]));
    expect(names).toEqual({
      "192.0.2.25": "mail.example.test",
      "2001:db8::25": "mx6.example.test",
      "198.51.100.7": null,
    });
    expect(server.queries).toContain("PTR 25.2.0.192.in-addr.arpa");
  });

  it("asks no DNS with --no-dns", async () => {
    const before = server.queries.length;
    const result = await runCli([
      "reports",
      "summary",
      "--db",
      db,
      "--no-dns",
      "-r",
      server.address,
      "-f",
      "json",
    ]);
    expect(result.exitCode).toBe(0);
    expect(server.queries.length).toBe(before);
  });
});
