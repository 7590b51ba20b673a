import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FixtureServer, startFixtureServer } from "../helpers/dns-server.js";
import { runCli } from "../helpers/run-cli.js";
import { SPF_FAULTS, spfZones } from "./zones.js";

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer({ zones: spfZones(), faults: SPF_FAULTS });
});
afterAll(() => server.close());

const spf = (...args: string[]) => runCli(["spf", ...args, "-r", server.address, "--timeout", "2"]);
const check = (domain: string) =>
  runCli(["check", domain, "-r", server.address, "--timeout", "2", "-f", "json"]);
const rulesOf = (doc: { domains: { findings: { rule: string }[] }[] }) =>
  doc.domains[0]?.findings.map((f) => f.rule) ?? [];

describe("mailaudit spf (tree)", () => {
  it("prints the tree with per-node counts and exits 0 (no gating without --ip)", async () => {
    const result = await spf("thirteen.limits.example");
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain("13 DNS-querying terms (limit 10)");
    expect(result.stdout).toMatch(/thirteen\.limits\.example {2}5 here, 8 below/);
    expect(result.stdout).toMatch(/├─ include:i1\.limits\.example {2}3 here, 1 below/);
    expect(result.stdout).toMatch(/└─ redirect=r\.limits\.example {2}2 here, 1 below/);
  });

  it("gives the same spf object as JSON", async () => {
    const result = await spf("everything.customer.example", "-f", "json");
    const doc = JSON.parse(result.stdout);
    expect(doc).toMatchObject({
      schemaVersion: 1,
      domain: "everything.customer.example",
      spf: { lookupCount: 11, voidLookupCount: 0 },
    });
    expect(doc.spf.tree.children).toHaveLength(5);
  });

  it("escapes control characters in the table and keeps them as data in JSON", async () => {
    const table = await spf("ctrl.limits.example");
    expect(table.stdout).not.toContain("\u001b");
    expect(table.stdout).toContain("\\x1b[31mred");
    const json = JSON.parse((await spf("ctrl.limits.example", "-f", "json")).stdout);
    expect(json.spf.record).toContain("\u001b[31mred");
  });

  it("exits 3 when part of the tree cannot be read", async () => {
    const result = await spf("servfail.limits.example");
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toContain("[DNS lookup failed]");
  });
});

describe("mailaudit spf --ip (check_host)", () => {
  it("passes an address of an included provider", async () => {
    const result = await spf("google.customer.example", "--ip", "172.217.1.1", "-f", "json");
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout).evaluation).toEqual({
      ip: "172.217.1.1",
      sender: "postmaster@google.customer.example",
      helo: null,
      result: "pass",
      explanation: null,
    });
  });

  it("exits 0 on fail: a fail is an answer", async () => {
    const result = await spf(
      "m365.customer.example",
      "--ip",
      "203.0.113.5",
      "--sender",
      "bounce@m365.customer.example",
      "--helo",
      "mx.example.net",
    );
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/check_host: fail/);
  });

  it("reports permerror for a tree past 10 lookups when no earlier term matches", async () => {
    const result = await spf("everything.customer.example", "--ip", "203.0.113.5", "-f", "json");
    expect(JSON.parse(result.stdout).evaluation.result).toBe("permerror");
    expect(result.exitCode).toBe(0);
  });

  it("exits 3 on temperror", async () => {
    const result = await spf("servfail.limits.example", "--ip", "192.0.2.200", "-f", "json");
    expect(JSON.parse(result.stdout).evaluation.result).toBe("temperror");
    expect(result.exitCode).toBe(3);
  });

  it("refuses only an unparseable --ip or a missing argument (exit 2, one line)", async () => {
    for (const args of [
      ["google.customer.example", "--ip", "300.1.1.1"],
      ["", "--ip", "192.0.2.1"],
      ["google.customer.example", "--ip"],
    ]) {
      const result = await spf(...(args as [string, ...string[]]));
      expect(result.exitCode, args.join(" ")).toBe(2);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stdout).toBe("");
    }
  });

  it("answers none, with a notice, for a domain RFC 7208 §4.3 calls malformed (exit 0, no DNS asked)", async () => {
    for (const domain of [
      "not a domain",
      "a..customer.example",
      `${"x".repeat(64)}.example`,
      "[192.0.2.1]",
    ]) {
      const result = await spf(domain, "--ip", "192.0.2.1", "-f", "json");
      expect(result.exitCode, domain).toBe(0);
      const doc = JSON.parse(result.stdout);
      expect(doc.evaluation.result, domain).toBe("none");
      expect(doc.notices, domain).toEqual([expect.stringContaining("RFC 7208 §4.3")]);
      expect(doc.spf.record).toBeNull();
    }
    const before = server.queries.length;
    const table = await spf("a..customer.example", "--ip", "192.0.2.1");
    expect(server.queries.slice(before)).toEqual([]);
    expect(table.exitCode).toBe(0);
    expect(table.stdout).toMatch(
      /notice: "a\.\.customer\.example" is not a valid domain name \(has an empty label\)/,
    );
  });

  it("takes --sender and --helo as mail logs print them", async () => {
    const json = async (...args: string[]) =>
      JSON.parse(
        (await spf("google.customer.example", "--ip", "[172.217.1.1]", ...args, "-f", "json")).stdout,
      ).evaluation;
    // Angle brackets of the log's MAIL FROM are the log's, not the address's.
    expect(await json("--sender", "<bounce@google.customer.example>")).toMatchObject({
      ip: "172.217.1.1",
      sender: "bounce@google.customer.example",
      result: "pass",
    });
    // A local part with a space, a HELO that is not a domain: check_host judges them, no usage error.
    expect(
      await json("--sender", "Macro Error@google.customer.example", "--helo", "JUMPIN' JUPITER"),
    ).toMatchObject({ result: "pass", helo: "JUMPIN' JUPITER" });
    // The null reverse-path of a bounce: the HELO identity is checked (RFC 7208 §2.4).
    expect(await json("--sender", "<>", "--helo", "google.customer.example")).toMatchObject({
      sender: "",
      result: "pass",
    });
    expect(await json("--sender", "<>", "--helo", "OEMCOMPUTER")).toMatchObject({ result: "none" });
  });
});

describe("mailaudit check: SPF findings end to end", () => {
  it("a 13-lookup tree: exactly 13, spf/lookup-limit error, exit 1", async () => {
    const result = await check("thirteen.limits.example");
    expect(result.exitCode).toBe(1);
    const doc = JSON.parse(result.stdout);
    expect(doc.domains[0].spf.lookupCount).toBe(13);
    const finding = doc.domains[0].findings.find((f: { rule: string }) => f.rule === "spf/lookup-limit");
    expect(finding).toMatchObject({ severity: "error", data: { count: 13, limit: 10 } });
  });

  it("a SERVFAIL in the tree: exit 3, dns/lookup-failed, never spf/missing or spf/include-missing", async () => {
    const result = await check("servfail.limits.example");
    expect(result.exitCode).toBe(3);
    const doc = JSON.parse(result.stdout);
    expect(doc.domains[0].status).toBe("inconclusive");
    expect(rulesOf(doc)).toContain("dns/lookup-failed");
    expect(rulesOf(doc)).not.toContain("spf/missing");
    expect(rulesOf(doc)).not.toContain("spf/include-missing");
  });

  it("void lookups, loops, missing includes and oversized records become findings", async () => {
    const expectations: [string, string][] = [
      ["voids.limits.example", "spf/void-lookup-limit"],
      ["loop-a.limits.example", "spf/include-loop"],
      ["missing-include.limits.example", "spf/include-missing"],
      ["big.limits.example", "spf/record-too-long"],
      ["manymx.limits.example", "spf/mx-address-limit"],
      ["multi.limits.example", "spf/multiple-records"],
    ];
    for (const [domain, rule] of expectations) {
      const doc = JSON.parse((await check(domain)).stdout);
      expect(rulesOf(doc), domain).toContain(rule);
    }
  });
});
