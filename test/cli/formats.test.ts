import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseJunit, validateSarif } from "../format/validators.js";
import { type FixtureServer, loadZoneFile, startFixtureServer } from "../helpers/dns-server.js";
import { runCli } from "../helpers/run-cli.js";

const CONFIG = "fixtures/config/ci.yaml";
let live: FixtureServer;
beforeAll(async () => {
  live = await startFixtureServer({
    zones: ["drift-world.zone", "drift-vendor.zone", "drift-acme-live.zone"].map((f) =>
      loadZoneFile(`fixtures/zones/${f}`),
    ),
  });
});
afterAll(() => live.close());

describe("CI output formats from the CLI", () => {
  it("sarif: valid against the 2.1.0 schema, with the whole catalogue and config locations", async () => {
    const result = await runCli(["check", "-c", CONFIG, "-r", live.address, "-f", "sarif"]);
    expect(result.exitCode).toBe(1);
    const log = JSON.parse(result.stdout);
    expect(validateSarif(log)).toEqual([]);
    const ids = log.runs[0].tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ids).toEqual(
      expect.arrayContaining(["dns/lookup-failed", "drift/baseline", "drift/dmarc-policy"]),
    );
    const drift = log.runs[0].results.find((r: { ruleId: string }) => r.ruleId === "drift/dmarc-policy");
    // fixtures/config/ci.yaml line 8 holds `dmarc: { policy: reject, … }`.
    expect(drift.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: "fixtures/config/ci.yaml" },
      region: { startLine: 8 },
    });
  });

  it("junit: parses as standard JUnit XML with a suite per domain", async () => {
    const result = await runCli(["check", "-c", CONFIG, "-r", live.address, "-f", "junit"]);
    const suites = parseJunit(result.stdout);
    expect(suites.testsuite.map((s) => s["@_name"])).toEqual(["acme.test", "news.acme.test", "beta.test"]);
    expect(Number(suites.testsuite[0]?.["@_failures"])).toBeGreaterThan(0);
    expect(suites.testsuite[2]?.["@_failures"]).toBe("0");
  });

  it("github: annotations on stdout, Markdown summary appended to $GITHUB_STEP_SUMMARY", async () => {
    const summary = join(mkdtempSync(join(tmpdir(), "mailaudit-gh-")), "summary.md");
    writeFileSync(summary, "earlier step\n");
    const result = await runCli(["check", "-c", CONFIG, "-r", live.address, "-f", "github"], {
      env: { GITHUB_STEP_SUMMARY: summary },
    });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(
      /^::error file=fixtures\/config\/ci\.yaml,line=8,title=drift\/dmarc-policy \(acme\.test\)::/m,
    );
    const written = readFileSync(summary, "utf8");
    expect(written.startsWith("earlier step\n## mailaudit")).toBe(true);
    expect(written).toContain("| acme.test | ❌ fail |");
  });

  it("markdown: a PR-comment table", async () => {
    const result = await runCli(["check", "-c", CONFIG, "-r", live.address, "-f", "markdown"]);
    expect(result.stdout).toContain("| beta.test | ✅ pass |");
  });
});
