/** A domain that does not exist (a typo) is said first and once, never as a pile of missing records. */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FixtureServer, loadZoneFile, startFixtureServer } from "../helpers/dns-server.js";
import { runCli } from "../helpers/run-cli.js";

type Doc = {
  domains: { domain: string; status: string; findings: { rule: string; severity: string }[] }[];
  exitCode: number;
};

let server: FixtureServer;
let dir: string;
beforeAll(async () => {
  server = await startFixtureServer({ zones: [loadZoneFile("fixtures/zones/basic.example.zone")] });
  dir = mkdtempSync(join(tmpdir(), "mailaudit-nxdomain-"));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const run = (...args: string[]) => runCli([...args, "-r", server.address, "--timeout", "2"]);

describe("a domain that does not exist", () => {
  it("check: dns/domain-not-found first and alone, exit 1; the other domain is judged as usual", async () => {
    const result = await run("check", "typo.basic.example", "basic.example", "-s", "s1", "-f", "json");
    expect(result.exitCode).toBe(1);
    const [typo, real] = (JSON.parse(result.stdout) as Doc).domains;
    expect(typo?.findings).toEqual([
      expect.objectContaining({ rule: "dns/domain-not-found", severity: "error" }),
    ]);
    expect(typo?.status).toBe("fail");
    // The existing domain still gets its own findings (its s1 selector has no key).
    expect(real?.findings.map((f) => f.rule)).toContain("dkim/missing");
    expect(real?.findings.map((f) => f.rule)).not.toContain("dns/domain-not-found");
  });

  it("check (table): says it once, with no rows of absent records under it", async () => {
    const result = await run("check", "typo.basic.example");
    expect(result.exitCode).toBe(1);
    expect(result.stdout.match(/does not exist/g)).toHaveLength(1);
    expect(result.stdout).not.toMatch(/publishes no SPF record|No DMARC record/);
    expect(result.stdout).not.toContain("SPF  ");
  });

  it("init: refuses to write a config, exit 1, with the reason", async () => {
    const file = join(dir, "mailaudit.yaml");
    const result = await run("init", "typo.basic.example", "-o", file);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/not written: typo\.basic\.example does not exist \(NXDOMAIN\)/);
    expect(existsSync(file)).toBe(false);
  });
});
