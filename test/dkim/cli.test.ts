/** `mailaudit check keys.test --selector … -f json` against real generated keys on the fixture server. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FixtureServer, loadZoneFile, startFixtureServer } from "../helpers/dns-server.js";
import { runCli } from "../helpers/run-cli.js";

interface JsonFinding {
  rule: string;
  severity: string;
  messageId: string;
  data: Record<string, string | number>;
}

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer({
    zones: ["dmarc-tld", "dkim-keys"].map((name) => loadZoneFile(`fixtures/zones/${name}.zone`)),
  });
});
afterAll(() => server.close());

async function check(...selectors: string[]) {
  const args = [
    "check",
    "keys.test",
    "-r",
    server.address,
    "--timeout",
    "1",
    "-f",
    "json",
    ...selectors.flatMap((s) => ["-s", s]),
  ];
  const result = await runCli(args);
  const entry = JSON.parse(result.stdout).domains[0];
  const findings = entry.findings as JsonFinding[];
  return {
    exitCode: result.exitCode,
    entry,
    findings,
    rules: findings.map((f) => `${f.rule}:${f.messageId}:${f.severity}`),
  };
}

describe("mailaudit check: DKIM", () => {
  it("gives a clean bill to a well-configured domain (2048-bit RSA and Ed25519)", async () => {
    const { exitCode, entry, findings } = await check("s2048", "ed");
    expect(findings.filter((f) => f.severity === "error" || f.severity === "warning")).toEqual([]);
    expect(exitCode).toBe(0);
    expect(entry.status).toBe("pass");
    expect(entry.dmarc).toMatchObject({ source: "keys.test", effectivePolicy: "reject" });
    expect(
      entry.dkim.map((k: { selector: string; keyType: string; keyBits: number }) => [
        k.selector,
        k.keyType,
        k.keyBits,
      ]),
    ).toEqual([
      ["s2048", "rsa", 2048],
      ["ed", "ed25519", 256],
    ]);
  });

  it("measures RSA keys of 512 and 1024 bits from the key itself", async () => {
    const { exitCode, entry, rules } = await check("s512", "s1024");
    expect(exitCode).toBe(1);
    expect(entry.dkim.map((k: { keyBits: number }) => k.keyBits)).toEqual([512, 1024]);
    expect(rules).toContain("dkim/weak-key:tooShort:error");
    expect(rules).toContain("dkim/weak-key:belowRecommended:warning");
  });

  it("flags t=y and a revoked key", async () => {
    const { rules, entry } = await check("testing", "revoked");
    expect(rules).toContain("dkim/testing-mode:testing:warning");
    expect(rules).toContain("dkim/revoked:revoked:error");
    expect(entry.dkim[1]).toMatchObject({ selector: "revoked", revoked: true, keyBits: null });
  });

  it("reports a missing selector as missing", async () => {
    const { exitCode, rules, entry } = await check("nope");
    expect(exitCode).toBe(1);
    expect(entry.dkim[0].status).toBe("missing");
    expect(rules).toContain("dkim/missing:noKey:error");
  });

  it("follows a CNAME to the ESP's key and records the target", async () => {
    const { exitCode, entry } = await check("esp");
    expect(exitCode).toBe(0);
    expect(entry.dkim[0]).toMatchObject({
      status: "found",
      keyType: "rsa",
      keyBits: 2048,
      cnameTarget: "sel1._domainkey.esp.test",
    });
  });

  it("makes a CNAME loop inconclusive (exit 3), never missing", async () => {
    const { exitCode, entry, rules } = await check("loop");
    expect(exitCode).toBe(3);
    expect(entry.status).toBe("inconclusive");
    expect(entry.dkim[0].status).toBe("inconclusive");
    expect(rules.some((r) => r.startsWith("dns/lookup-failed:"))).toBe(true);
    expect(rules.some((r) => r.startsWith("dkim/missing:"))).toBe(false);
  });

  it("shows key type and size, and the effective policy with its source, in the table", async () => {
    const result = await runCli([
      "check",
      "keys.test",
      "-r",
      server.address,
      "-s",
      "s2048",
      "-s",
      "esp",
      "--no-color",
    ]);
    expect(result.stdout).toContain("rsa 2048 bits");
    expect(result.stdout).toContain("via CNAME");
    expect(result.stdout).toContain("sel1._domainkey.esp.test");
    expect(result.stdout).toContain("effective policy reject");
    // The facts column wraps to the width: "source" and the name may sit on two lines, other
    // columns' text between them.
    expect(result.stdout).toMatch(/effective policy reject, source/);
    expect(result.stdout).toContain("_dmarc.keys.test");
  });
});
