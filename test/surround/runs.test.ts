/**
 * How runs reach HTTPS: trust (`--https-ca`, NODE_EXTRA_CA_CERTS, neither), a slow server, runs that
 * fetch nothing (`--offline`, `--zone`) and say so, the test-port variable, hostile text in every
 * new record (and in a policy and an MX host name) shown escaped, and the config and baseline keys
 * of the new groups.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import {
  checkJson,
  HOSTILE_POLICY,
  POLICY_PATH,
  runAgainst,
  type SurroundWorld,
  startWorld,
  ZONE,
} from "./world.js";

/** What must never be printed raw: C0 (but LF), DEL, C1, bidi controls. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence is the point
const RAW_UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

let world: SurroundWorld;
let dir: string;
beforeAll(async () => {
  world = await startWorld();
  dir = mkdtempSync(join(tmpdir(), "mailaudit-surround-"));
}, 60_000);
afterAll(async () => {
  await world?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("trust", () => {
  it("NODE_EXTRA_CA_CERTS is honoured, as in any Node program", async () => {
    const { domain } = await checkJson(world, ["good"], { ca: "env" });
    expect(domain("good").entry.mtaSts.policy?.fetch.status).toBe("ok");
  });

  it("without the test CA, the certificate does not verify", async () => {
    const { domain } = await checkJson(world, ["good"], { ca: "none" });
    expect(
      domain("good")
        .of("mta-sts/policy-fetch")
        .map((f) => f.messageId),
    ).toEqual(["certificate"]);
    expect(
      domain("good")
        .of("bimi/logo-fetch")
        .map((f) => f.messageId),
    ).toEqual(["certificate"]);
  });

  it("an --https-ca that cannot be read is a usage error", async () => {
    const result = await runAgainst(
      world,
      ["check", "good.surround.test", "--https-ca", join(dir, "none.pem")],
      { ca: "none" },
    );
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^mailaudit: --https-ca .*none\.pem: cannot use \(ENOENT\)\n$/);
  });
});

describe("a slow policy server", () => {
  it("is inconclusive (exit 3), not a finding about the server", async () => {
    const { result, domain } = await checkJson(world, ["slow"], { timeout: "1" });
    const slow = domain("slow");
    expect(slow.entry.mtaSts.policy?.fetch).toMatchObject({ status: "inconclusive", reason: "timeout" });
    expect(slow.of("mta-sts/policy-fetch").map((f) => [f.messageId, f.severity])).toEqual([
      ["inconclusive", "warning"],
    ]);
    expect(slow.entry.status).toBe("inconclusive");
    expect(result.exitCode).toBe(3);
    // Within the fetch deadline (2 × --timeout), not the server's 30 s stall.
    expect(result.elapsedMs).toBeLessThan(20_000);
  });

  it("cannot serve as a baseline", async () => {
    const result = await runAgainst(world, ["snapshot", "slow.surround.test"], { timeout: "1" });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain("got no verdict");
  });
});

describe("runs that fetch nothing", () => {
  it("--offline: the policy and the logo are not fetched, and the findings say so", async () => {
    const before = world.https.requests.length;
    const { domain } = await checkJson(world, ["good"], { extra: ["--zone", ZONE, "--offline"] });
    const good = domain("good");
    expect(good.entry.mtaSts.policy?.fetch).toMatchObject({ status: "skipped", reason: "offline" });
    expect(good.of("mta-sts/policy-fetch").map((f) => [f.messageId, f.severity])).toEqual([
      ["skipped", "notice"],
    ]);
    expect(good.of("bimi/logo-fetch").map((f) => f.messageId)).toEqual(["skipped"]);
    expect(world.https.requests.length).toBe(before);
  });

  it("--zone: the proposed records are checked, the live web server is not asked", async () => {
    const before = world.https.requests.length;
    const { domain } = await checkJson(world, ["good"], { extra: ["--zone", ZONE] });
    expect(domain("good").entry.mtaSts.policy?.fetch).toMatchObject({ status: "skipped", reason: "zone" });
    expect(world.https.requests.length).toBe(before);
  });
});

describe("MAILAUDIT_TEST_HTTPS_PORT", () => {
  it("a value that is no port is a usage error", async () => {
    const result = await runAgainst(world, ["check", "good.surround.test"], {
      env: { MAILAUDIT_TEST_HTTPS_PORT: "https" },
    });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("MAILAUDIT_TEST_HTTPS_PORT");
  });
});

describe("hostile text in every new record", () => {
  it("table: shown escaped, never raw", async () => {
    const result = await runAgainst(world, ["check", "hostile.surround.test"]);
    expect(RAW_UNSAFE.exec(result.stdout)).toBeNull();
    expect(result.stdout).toContain("id=1\\x1b[2J\\u{202e}");
    expect(result.stdout).toContain("https://evil.test\\x07");
    expect(result.stdout).toContain("\\u{202e}gvs.svg\\x1b[31m");
    // What the policy's web server sent is shown escaped too (in the findings about it).
    expect(result.stdout).toContain("mode: enforce\\x1b[2J");
    expect(result.stdout).toContain("mx.hostile.surround.test\\u{202e}");
    // An MX host name is DNS data too (a label may hold any octet); names are compared in lower case.
    expect(result.stdout).toContain("mx\\x1b[2j.hostile.surround.test");
  });

  it("JSON: the records kept exactly, the controls written as escapes", async () => {
    const { result, domain } = await checkJson(world, ["hostile"]);
    expect(RAW_UNSAFE.exec(result.stdout)).toBeNull();
    const hostile = domain("hostile");
    expect(hostile.entry.mtaSts.record).toBe("v=STSv1; id=1\u001b[2J\u202e");
    expect(hostile.entry.tlsRpt.record).toBe(
      "v=TLSRPTv1; rua=mailto:tls@hostile.surround.test\u001b]8;;https://evil.test\u0007",
    );
    expect(hostile.entry.bimi.record).toBe("v=BIMI1; l=https://brand.surround.test/\u202egvs.svg\u001b[31m");
    expect(new Set(hostile.rules(/^(mta-sts|tls-rpt)\/syntax$/).map((r) => r.split(" ")[0]))).toEqual(
      new Set(["mta-sts/syntax", "tls-rpt/syntax"]),
    );
    expect(hostile.entry.mx.records.map((r) => r.exchange)).toEqual([
      "mx.hostile.surround.test",
      "mx\u001b[2j.hostile.surround.test",
    ]);
    expect(hostile.entry.mtaSts.policy?.text).toBe(HOSTILE_POLICY);
    expect(hostile.of("mta-sts/policy-syntax").map((f) => [f.messageId, f.data.tag, f.data.value])).toEqual([
      ["invalidValue", "mode", "enforce\u001b[2J"],
      ["invalidValue", "mx", "mx.hostile.surround.test\u202e"],
    ]);
  });
});

describe("policy as code", () => {
  it("expect: keys of every new group give drift findings", async () => {
    const config = join(dir, "mailaudit.yaml");
    writeFileSync(
      config,
      [
        "domains:",
        "  - domain: weak.surround.test",
        "    expect:",
        "      mx: { hosts: [mx9.weak.surround.test], receivesMail: true }",
        "      mtaSts: { mode: enforce }",
        "      tlsRpt: { rua: [mailto:tls@weak.surround.test] }",
        "      bimi: { logo: https://brand.surround.test/weak.svg, authority: true }",
        "  - domain: good.surround.test",
        "    expect:",
        "      mx: { hosts: [mx1.good.surround.test] }",
        "      mtaSts: { mode: enforce }",
        "      tlsRpt: { rua: [mailto:tls@good.surround.test] }",
        "      bimi: { logo: https://brand.surround.test/good.svg, authority: true }",
        "",
      ].join("\n"),
    );
    const result = await runAgainst(world, ["check", "-c", config, "-f", "json"]);
    const doc = JSON.parse(result.stdout) as {
      domains: { domain: string; findings: { rule: string; messageId: string }[] }[];
    };
    const drift = (name: string) =>
      (doc.domains.find((d) => d.domain === name)?.findings ?? [])
        .filter((f) => f.rule.startsWith("drift/"))
        .map((f) => `${f.rule} ${f.messageId}`);
    expect(drift("weak.surround.test")).toEqual([
      "drift/bimi-authority absent",
      "drift/bimi-logo changed",
      "drift/mta-sts-mode weaker",
      "drift/mx-hosts missing",
      "drift/tls-rpt-rua noRecord",
    ]);
    expect(drift("good.surround.test")).toEqual([]);
  });

  it("a bad value under a new key is a config error naming the line", async () => {
    const config = join(dir, "bad.yaml");
    writeFileSync(
      config,
      "domains:\n  - domain: good.surround.test\n    expect:\n      mtaSts: { mode: enforced }\n",
    );
    const result = await runCli(["check", "-c", config]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(":4:");
    expect(result.stderr).toContain("expect.mtaSts.mode");
  });

  it("init declares what the new groups show today", async () => {
    const out = join(dir, "init.yaml");
    const result = await runAgainst(world, ["init", "good.surround.test", "-o", out]);
    expect(result.exitCode).toBe(0);
    const text = readFileSync(out, "utf8");
    expect(text).toContain('mx: { hosts: ["mx1.good.surround.test", "mx2.good.surround.test"] }');
    expect(text).toContain("mtaSts: { mode: enforce }");
    expect(text).toContain('tlsRpt: { rua: ["mailto:tls@good.surround.test"] }');
    expect(text).toContain('bimi: { logo: "https://brand.surround.test/good.svg", authority: true }');
    // What init wrote, the same DNS passes.
    const check = await runAgainst(world, ["check", "-c", out, "-f", "json"]);
    const findings =
      (JSON.parse(check.stdout) as { domains: { findings: { rule: string }[] }[] }).domains[0]?.findings ??
      [];
    expect(findings.filter((f) => f.rule.startsWith("drift/"))).toEqual([]);
  });
});

describe("baseline", () => {
  it("a policy changed under the same id is drift (drift/mta-sts-id); the change itself shows in drift/baseline", async () => {
    const lock = join(dir, "good.lock.json");
    const snap = await runAgainst(world, ["snapshot", "good.surround.test", "-o", lock]);
    expect(snap.exitCode).toBe(0);
    const key = `mta-sts.good.surround.test${POLICY_PATH}`;
    const original = world.served[key];
    world.served[key] = {
      body: "version: STSv1\nmode: testing\nmx: *.good.surround.test\nmax_age: 604800\n",
      headers: { "content-type": "text/plain" },
    };
    try {
      const { result, domain } = await checkJson(world, ["good"], { extra: ["--baseline", lock] });
      expect(result.exitCode).toBe(1);
      const good = domain("good");
      expect(good.of("drift/mta-sts-id").map((f) => f.data.value)).toEqual(["20240601"]);
      const baseline = good.of("drift/baseline");
      expect(baseline.map((f) => f.data.name)).toEqual([
        "MTA-STS policy at https://mta-sts.good.surround.test/.well-known/mta-sts.txt",
      ]);
      expect(baseline[0]?.data.reason).toContain("removed mode: enforce");
      expect(baseline[0]?.data.reason).toContain("added mode: testing");
    } finally {
      if (original) world.served[key] = original;
    }
    // The same baseline, the original policy again: nothing drifted.
    const again = await checkJson(world, ["good"], { extra: ["--baseline", lock] });
    expect(again.domain("good").rules(/^drift\//)).toEqual([]);
  });

  it("an --offline run against a live baseline compares no policy it did not fetch", async () => {
    const lock = join(dir, "good-live.lock.json");
    expect((await runAgainst(world, ["snapshot", "good.surround.test", "-o", lock])).exitCode).toBe(0);
    const { domain } = await checkJson(world, ["good"], {
      extra: ["--zone", ZONE, "--offline", "--baseline", lock],
    });
    expect(
      domain("good")
        .of("drift/baseline")
        .map((f) => f.data.name),
    ).not.toContain("MTA-STS policy at https://mta-sts.good.surround.test/.well-known/mta-sts.txt");
  });
});
