import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FixtureServer, loadZoneFile, startFixtureServer } from "../helpers/dns-server.js";
import { runCli } from "../helpers/run-cli.js";

type Finding = { rule: string; messageId: string; data: Record<string, string> };
type Doc = { domains: { domain: string; findings: Finding[] }[] };

let before: FixtureServer;
let after: FixtureServer;
beforeAll(async () => {
  const zones = (vendor: string) =>
    ["drift-world.zone", "drift-acme-fixed.zone", vendor].map((f) => loadZoneFile(`fixtures/zones/${f}`));
  before = await startFixtureServer({ zones: zones("drift-vendor.zone") });
  // Same domains; only the vendor's include changed (a nested include appeared).
  after = await startFixtureServer({ zones: zones("drift-vendor-changed.zone") });
});
afterAll(async () => {
  await Promise.all([before.close(), after.close()]);
});

describe("baseline snapshots", () => {
  it("writes a canonical lock file: same DNS, same bytes apart from createdAt", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mailaudit-lock-"));
    const [a, b] = [join(dir, "a.json"), join(dir, "b.json")];
    expect(
      (await runCli(["snapshot", "acme.test", "beta.test", "-s", "s1", "-r", before.address, "-o", a]))
        .exitCode,
    ).toBe(0);
    expect(
      (await runCli(["snapshot", "beta.test", "acme.test", "-s", "s1", "-r", before.address, "-o", b]))
        .exitCode,
    ).toBe(0);
    const strip = (f: string) => readFileSync(f, "utf8").replace(/"createdAt": "[^"]*"/, "");
    expect(strip(a)).toBe(strip(b));
    const lock = JSON.parse(readFileSync(a, "utf8"));
    expect(Object.keys(lock.domains)).toEqual(["acme.test", "beta.test"]);
    expect(lock.domains["acme.test"].spf.tree.children[0].domain).toBe("_spf.vendor.test");
  });

  it("check --baseline reports a changed vendor include as one drift/baseline finding, before → after", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mailaudit-lock-"));
    const lock = join(dir, "mailaudit.lock.json");
    await runCli(["snapshot", "-c", "fixtures/config/ci.yaml", "-r", before.address, "-o", lock]);

    const same = await runCli([
      "check",
      "-c",
      "fixtures/config/ci.yaml",
      "--baseline",
      lock,
      "-r",
      before.address,
      "-f",
      "json",
    ]);
    expect(same.exitCode).toBe(0);

    const changed = await runCli([
      "check",
      "-c",
      "fixtures/config/ci.yaml",
      "--baseline",
      lock,
      "-r",
      after.address,
      "-f",
      "json",
    ]);
    expect(changed.exitCode).toBe(1);
    const findings =
      (JSON.parse(changed.stdout) as Doc).domains.find((d) => d.domain === "acme.test")?.findings ?? [];
    const baseline = findings.filter((f) => f.rule === "drift/baseline");
    // One record changed (the vendor's include gained a nested include): one finding, naming what
    // changed in it; the nested record it now includes is part of that change, not a second finding.
    expect(baseline).toHaveLength(1);
    expect(baseline[0]).toMatchObject({
      messageId: "changed",
      data: { name: "SPF record at _spf.vendor.test", reason: "added include:_spf2.vendor.test" },
    });
    expect(baseline[0]?.data.expected).toContain("v=spf1 ip4:192.0.2.0/24 -all");
    expect(baseline[0]?.data.actual).toContain("include:_spf2.vendor.test");
  });

  it("refuses a baseline that is not a lock file (exit 2)", async () => {
    const result = await runCli([
      "check",
      "acme.test",
      "--baseline",
      "fixtures/config/ci.yaml",
      "-r",
      before.address,
    ]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^mailaudit: --baseline fixtures\/config\/ci\.yaml: not JSON/);
  });
});
