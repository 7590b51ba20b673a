/**
 * What a user sees and what the wire does, against the real servers: table output never carries raw
 * control characters from DNS, an answer too big for UDP really is truncated (so the TCP path is
 * exercised), and a resolver that never answers ends the run with exit 3 within a few timeouts.
 */
import { createSocket, type Socket } from "node:dgram";
import dns2 from "dns2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { type DnsLab, dnsDaemonsAvailable, startDnsLab } from "./dns-lab.js";
import { checkJson } from "./scenario.js";

/** Any C0 control except the newline the table uses, DEL, or a C1 control (0x80–0x9f, 8-bit CSI). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

function rawControls(text: string): string[] {
  return [...text].filter((ch) => RAW_CONTROL.test(ch)).map((ch) => `0x${ch.charCodeAt(0).toString(16)}`);
}

describe.runIf(dnsDaemonsAvailable())("terminal output and transport against real DNS servers", () => {
  let lab: DnsLab;
  beforeAll(async () => {
    lab = await startDnsLab();
  });
  afterAll(() => lab?.close());

  it("table output of records holding ANSI escapes, CR, BS, BEL and TAB has no raw control character", async () => {
    const table = await runCli(["check", "tyrell-corp.test", "-r", lab.unbound.address, "--timeout", "3"]);
    expect(table.stdout.length).toBeGreaterThan(0);
    expect(rawControls(table.stdout)).toEqual([]);
    expect(rawControls(table.stderr)).toEqual([]);
    expect(table.stdout).not.toContain("\u001b");
    expect(table.exitCode).not.toBe(2);
    // The same run as JSON carries the bytes: the table escaped data, it did not lose it.
    const { domain } = await checkJson(
      { name: "json", domain: "tyrell-corp.test", expect: {} },
      lab.unbound.address,
    );
    expect(domain.spf?.record).toContain("\u001b[31m-all");
  });

  it("table output of the clean domain exits 0, of the 13-lookup domain exits 1, without raw control characters", async () => {
    const clean = await runCli(["check", "acme-workspace.test", "-s", "google", "-r", lab.unbound.address]);
    expect(clean.exitCode).toBe(0);
    expect(clean.stdout).toContain("acme-workspace.test");
    expect(rawControls(clean.stdout)).toEqual([]);
    const over = await runCli(["check", "massive-dynamic.test", "-r", lab.unbound.address]);
    expect(over.exitCode).toBe(1);
    expect(over.stdout).toContain("spf/lookup-limit");
    expect(rawControls(over.stdout)).toEqual([]);
  });

  it.each([
    ["Unbound", () => lab.unbound.port],
    ["NSD", () => lab.nsd.port],
  ])(
    "%s truncates the 1.4 KB TXT answer over plain UDP, so the scenario really goes through TCP",
    async (_name, port) => {
      const resolve = dns2.UDPClient({ dns: "127.0.0.1", port: port(), timeout: 3000, retryOverTCP: false });
      const answer = await resolve("stark-industries.test", "TXT");
      expect(answer.header.tc).toBe(1);
    },
  );

  describe("a resolver that never answers", () => {
    let silent: Socket;
    let silentPort: number;
    beforeAll(async () => {
      // Bound, so the kernel does not refuse the queries: they are received and dropped.
      silent = createSocket("udp4");
      await new Promise<void>((resolve) => silent.bind(0, "127.0.0.1", resolve));
      silentPort = silent.address().port;
    });
    afterAll(() => new Promise<void>((resolve) => silent.close(() => resolve())));

    it("ends with exit 3 within a few timeouts, inconclusive, never 'missing'", async () => {
      const result = await runCli([
        "check",
        "acme-workspace.test",
        "-s",
        "google",
        "-r",
        `127.0.0.1:${silentPort}`,
        "--timeout",
        "0.5",
        "-f",
        "json",
      ]);
      expect(result.exitCode).toBe(3);
      const doc = JSON.parse(result.stdout);
      const rules = doc.domains[0].findings.map((f: { rule: string }) => f.rule);
      expect(doc.domains[0].status).toBe("inconclusive");
      expect(rules).toContain("dns/lookup-failed");
      expect(rules.filter((r: string) => r.endsWith("/missing"))).toEqual([]);
      // "Does not hang": a generous bound, far above tries × timeout, far below forever.
      expect(result.elapsedMs).toBeLessThan(20_000);
    });
  });
});
