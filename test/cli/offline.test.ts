/**
 * `--offline`: a zone checked before it is published with no DNS server asked. Every run points
 * `-r` at a fixture server that records what it is asked, and must leave it untouched.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FixtureServer, startFixtureServer } from "../helpers/dns-server.js";
import { runCli } from "../helpers/run-cli.js";

const ZONE = "fixtures/zones/basic.example.zone";
type Finding = { rule: string; severity: string; data: Record<string, string | number> };
type Doc = { domains: { domain: string; status: string; assumedAbsent?: string[]; findings: Finding[] }[] };

let watched: FixtureServer;
let dir: string;
beforeAll(async () => {
  watched = await startFixtureServer({ zones: [] });
  dir = mkdtempSync(join(tmpdir(), "mailaudit-offline-"));
});
afterAll(async () => {
  await watched.close();
  rmSync(dir, { recursive: true, force: true });
});

const offline = (command: string, ...args: string[]) =>
  runCli([command, ...args, "--zone", ZONE, "--offline", "-r", watched.address, "--timeout", "1"]);

describe("--offline", () => {
  it("check: a zone that fully describes the domain is judged (exit 0 or 1, never 3), no question sent", async () => {
    const result = await offline("check", "basic.example", "-f", "json");
    expect([0, 1]).toContain(result.exitCode);
    const [domain] = (JSON.parse(result.stdout) as Doc).domains;
    expect(domain?.status).not.toBe("inconclusive");
    // The RFC 9989 tree walk asks _dmarc.example, above the zone: assumed absent, listed once.
    expect(domain?.assumedAbsent).toContain("_dmarc.example");
    const notices = domain?.findings.filter((f) => f.rule === "dns/assumed-absent") ?? [];
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ severity: "notice" });
    expect(String(notices[0]?.data.name).split(", ")).toEqual(domain?.assumedAbsent);
    expect(domain?.findings.map((f) => f.rule)).not.toContain("dns/lookup-failed");
    expect(watched.queries).toEqual([]);
  });

  it("check: the table shows the notice", async () => {
    const result = await offline("check", "basic.example");
    expect(result.stdout).toMatch(/notice\s+dns\/assumed-absent /);
    expect(result.stdout).toContain("(--offline): _dmarc.example.");
    expect(watched.queries).toEqual([]);
  });

  it("snapshot: writes a baseline from the zone alone", async () => {
    const file = join(dir, "lock.json");
    const result = await offline("snapshot", "basic.example", "-o", file);
    expect(result.exitCode).toBe(0);
    const lock = JSON.parse(readFileSync(file, "utf8"));
    expect(lock.domains["basic.example"].spf.record).toBe("v=spf1 include:_spf.basic.example -all");
    // What was assumed describes the run, not what is published: not in the baseline.
    expect(lock.domains["basic.example"]).not.toHaveProperty("assumedAbsent");
    expect(result.stderr).toContain("_dmarc.example");
    expect(watched.queries).toEqual([]);
  });

  it("init: writes the config from the zone alone", async () => {
    const file = join(dir, "mailaudit.yaml");
    const result = await offline("init", "basic.example", "-o", file);
    expect(result.exitCode).toBe(0);
    expect(readFileSync(file, "utf8")).toContain("dmarc: { policy: reject");
    expect(result.stderr).toContain("_dmarc.example");
    expect(watched.queries).toEqual([]);
  });

  it("without a zone there is nothing to answer from: a usage error", async () => {
    const result = await runCli(["check", "basic.example", "--offline", "-r", watched.address]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/--offline needs at least one --zone/);
    expect(watched.queries).toEqual([]);
  });
});
