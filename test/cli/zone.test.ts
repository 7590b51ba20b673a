import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FixtureServer, loadZoneFile, startFixtureServer } from "../helpers/dns-server.js";
import { runCli } from "../helpers/run-cli.js";

type Doc = { domains: { domain: string; findings: { rule: string; data: Record<string, string> }[] }[] };

const CONFIG = "fixtures/config/ci.yaml";
let silent: FixtureServer;
let live: FixtureServer;
beforeAll(async () => {
  // A resolver that must never be asked: every question it receives is recorded.
  silent = await startFixtureServer({ zones: [] });
  live = await startFixtureServer({
    zones: ["drift-world.zone", "drift-vendor.zone", "drift-acme-live.zone"].map((f) =>
      loadZoneFile(`fixtures/zones/${f}`),
    ),
  });
});
afterAll(async () => {
  await Promise.all([silent.close(), live.close()]);
});

describe("zone files checked before publishing", () => {
  it("fails a zone carrying a bad change, fully offline when every name is in the files", async () => {
    const zones = ["ci-acme-bad.zone", "drift-world.zone", "drift-vendor.zone"].flatMap((f) => [
      "--zone",
      `fixtures/zones/${f}`,
    ]);
    const result = await runCli(["check", "-c", CONFIG, ...zones, "-r", silent.address, "-f", "json"]);
    expect(result.exitCode).toBe(1);
    const acme = (JSON.parse(result.stdout) as Doc).domains.find((d) => d.domain === "acme.test");
    expect(acme?.findings).toContainEqual(
      expect.objectContaining({
        rule: "drift/dmarc-policy",
        data: expect.objectContaining({ expected: "reject", actual: "none" }),
      }),
    );
    expect(silent.queries).toEqual([]);
  });

  it("passes the good proposal, with names outside the zone file answered by DNS", async () => {
    const before = live.queries.length;
    const result = await runCli([
      "check",
      "-c",
      CONFIG,
      "--zone",
      "fixtures/zones/ci-acme-good.zone",
      "-r",
      live.address,
      "-f",
      "json",
    ]);
    expect(result.exitCode).toBe(0);
    const asked = live.queries.slice(before);
    // The vendor's include and beta.test live outside the zone file: they came from the server...
    expect(asked).toContain("TXT _spf.vendor.test");
    expect(asked).toContain("TXT beta.test");
    // ...while every acme.test name was answered by the file.
    expect(asked.filter((q) => q.endsWith("acme.test"))).toEqual([]);
  });

  it("a bad zone file is a usage error naming the file (exit 2)", async () => {
    const result = await runCli([
      "check",
      "acme.test",
      "--zone",
      "fixtures/config/ci.yaml",
      "-r",
      silent.address,
    ]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("fixtures/config/ci.yaml");
  });
});
