import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/parse-config.js";
import { type FixtureServer, loadZoneFile, startFixtureServer } from "../helpers/dns-server.js";
import { runCli } from "../helpers/run-cli.js";

const CONFIG = resolve("fixtures/config/ci.yaml");
type Doc = {
  domains: {
    domain: string;
    status: string;
    findings: { rule: string; messageId: string; data: Record<string, unknown> }[];
  }[];
};

/** The world of the CI-gate tests, with one version of acme.test. */
const liveDns = (acme: string) =>
  ["drift-world.zone", "drift-vendor.zone", acme].map((f) => loadZoneFile(`fixtures/zones/${f}`));

let live: FixtureServer;
let fixed: FixtureServer;
beforeAll(async () => {
  live = await startFixtureServer({ zones: liveDns("drift-acme-live.zone") });
  fixed = await startFixtureServer({ zones: liveDns("drift-acme-fixed.zone") });
});
afterAll(async () => {
  await Promise.all([live.close(), fixed.close()]);
});

describe("check with mailaudit.yaml", () => {
  it("exits 1 on declared-policy drift, naming the domain and the expectation", async () => {
    const result = await runCli(["check", "-c", CONFIG, "-r", live.address, "-f", "json"]);
    expect(result.exitCode).toBe(1);
    const doc = JSON.parse(result.stdout) as Doc;
    // Declared domains in file order, each followed by its subdomains.
    expect(doc.domains.map((d) => d.domain)).toEqual(["acme.test", "news.acme.test", "beta.test"]);
    const acme = doc.domains[0];
    const drift = acme?.findings
      .filter((f) => f.rule.startsWith("drift/"))
      .map((f) => [f.rule, f.data.expected, f.data.actual]);
    expect(drift).toEqual(
      expect.arrayContaining([
        ["drift/dmarc-policy", "reject", "quarantine"],
        ["drift/dmarc-subdomain-policy", "reject", "none"],
      ]),
    );
    // The subdomain's effective policy is sp=none: weaker than the parent's declared subdomainPolicy.
    const news = doc.domains[1];
    expect(news?.findings).toContainEqual(
      expect.objectContaining({
        rule: "drift/dmarc-policy",
        data: expect.objectContaining({ domain: "news.acme.test", expected: "reject", actual: "none" }),
      }),
    );
    expect(doc.domains[2]?.findings.filter((f) => f.rule.startsWith("drift/"))).toEqual([]);
  });

  it("exits 0 once DNS matches the declarations", async () => {
    const result = await runCli(["check", "-c", CONFIG, "-r", fixed.address, "-f", "json"]);
    const doc = JSON.parse(result.stdout) as Doc;
    expect(doc.domains.flatMap((d) => d.findings.filter((f) => f.rule.startsWith("drift/")))).toEqual([]);
    expect(result.exitCode).toBe(0);
  });

  it("uses ./mailaudit.yaml when no domain is given", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mailaudit-cfg-"));
    writeFileSync(join(dir, "mailaudit.yaml"), readFileSync(CONFIG, "utf8"));
    const result = await runCli(["check", "-r", live.address, "-f", "json"], { cwd: dir });
    expect(result.exitCode).toBe(1);
    expect((JSON.parse(result.stdout) as Doc).domains.map((d) => d.domain)).toContain("beta.test");
  });

  it("a config error names file, line and key: one line, exit 2, no stack", async () => {
    const result = await runCli(["check", "-c", "fixtures/config/bad-policy.yaml", "-r", live.address]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(
      /^mailaudit: fixtures\/config\/bad-policy\.yaml:5:\d+: domains\[0\]\.expect\.dmarc\.policy: .*"rejct"/,
    );
    expect(result.stderr).not.toMatch(/\bat .+\.js:\d+/);
  });

  it("profiles: bod-18-01 supplies p=reject and the DHS rua; the config's rules: apply on top", async () => {
    const bod = await runCli([
      "check",
      "acme.test",
      "--profile",
      "bod-18-01",
      "-r",
      live.address,
      "-f",
      "json",
    ]);
    const findings = (JSON.parse(bod.stdout) as Doc).domains[0]?.findings ?? [];
    expect(findings).toContainEqual(
      expect.objectContaining({
        rule: "drift/dmarc-policy",
        data: expect.objectContaining({ expected: "reject" }),
      }),
    );
    expect(findings).toContainEqual(
      expect.objectContaining({
        rule: "drift/dmarc-rua",
        data: expect.objectContaining({ uri: "mailto:reports@dmarc.cyber.dhs.gov" }),
      }),
    );
    expect(bod.exitCode).toBe(1);

    const dir = mkdtempSync(join(tmpdir(), "mailaudit-prof-"));
    const config = join(dir, "mailaudit.yaml");
    writeFileSync(
      config,
      "profile: bod-18-01\ndomains: [acme.test]\nrules:\n  drift/dmarc-policy: off\n  drift/dmarc-rua: warning\n",
    );
    const tuned = await runCli(["check", "-c", config, "-r", live.address, "-f", "json"]);
    const rules =
      (JSON.parse(tuned.stdout) as Doc).domains[0]?.findings.map(
        (f) => `${f.rule}:${(f as { severity?: string }).severity}`,
      ) ?? [];
    expect(rules).not.toContainEqual(expect.stringMatching(/^drift\/dmarc-policy:/));
    expect(rules).toContain("drift/dmarc-rua:warning");
  });

  it("--shard splits the list deterministically and covers it exactly once", async () => {
    const names = ["beta.test", "acme.test", "news.acme.test"];
    const shards = await Promise.all(
      ["1/2", "2/2"].map(async (shard) => {
        const r = await runCli([
          "check",
          ...names,
          "--shard",
          shard,
          "-r",
          live.address,
          "-f",
          "json",
          "--fail-on",
          "never",
        ]);
        return (JSON.parse(r.stdout) as Doc).domains.map((d) => d.domain);
      }),
    );
    // Sorted: acme.test, beta.test, news.acme.test → positions 0,2 in shard 1; 1 in shard 2; input order kept.
    expect(shards).toEqual([["acme.test", "news.acme.test"], ["beta.test"]]);
    const bad = await runCli(["check", "acme.test", "--shard", "3/2"]);
    expect(bad.exitCode).toBe(2);
  });

  it("init writes a config that parses and passes against the same DNS, and refuses to overwrite", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mailaudit-init-"));
    const file = join(dir, "mailaudit.yaml");
    const init = await runCli(["init", "acme.test", "-o", file, "-r", live.address]);
    expect(init.exitCode).toBe(0);
    const text = readFileSync(file, "utf8");
    expect(text).toMatch(/found by probing common names/);
    // The header cites a document that exists and ships in the npm package (package.json "files").
    const cited = /^# Format: (docs\/[\w.-]+\.md) /m.exec(text)?.[1];
    expect(cited && existsSync(new URL(`../../${cited}`, import.meta.url))).toBe(true);
    expect(JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")).files).toContain(
      "docs/*.md",
    );
    const config = parseConfig(text, { source: file, knownRuleIds: new Set() });
    expect(config.domains[0]).toMatchObject({
      domain: "acme.test",
      selectors: ["s1"],
      expect: { dmarc: { policy: "quarantine" }, spf: { includes: ["_spf.vendor.test"], all: "fail" } },
    });
    const check = await runCli(["check", "-c", file, "-r", live.address, "-f", "json", "--fail-on", "never"]);
    expect(
      (JSON.parse(check.stdout) as Doc).domains[0]?.findings.filter((f) => f.rule.startsWith("drift/")),
    ).toEqual([]);
    const again = await runCli(["init", "acme.test", "-o", file, "-r", live.address]);
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toContain("--force");
  });
});

describe("progress line", () => {
  it("writes to a terminal only, and clears itself", async () => {
    const { domainProgress } = await import("../../src/cli/domain-progress.js");
    const written: string[] = [];
    const tty = { isTTY: true, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
    const progress = domainProgress(tty);
    progress?.onDomainDone(1, 2);
    progress?.finish();
    expect(written).toEqual(["\r\x1b[Kaudited 1/2 domains", "\r\x1b[K"]);
    expect(domainProgress({ isTTY: false } as unknown as NodeJS.WriteStream)).toBeUndefined();
  });

  it("prints nothing on stderr when stderr is not a terminal", async () => {
    const result = await runCli(["check", "-c", CONFIG, "-r", fixed.address, "-f", "json"]);
    expect(result.stderr).toBe("");
  });
});
