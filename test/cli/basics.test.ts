import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FixtureServer, loadZoneFile, startFixtureServer } from "../helpers/dns-server.js";
import { runCli } from "../helpers/run-cli.js";

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer({
    zones: [loadZoneFile("fixtures/zones/basic.example.zone")],
    faults: { "dead.basic.example": "drop", "_dmarc.dead.basic.example": "drop" },
  });
});
afterAll(() => server.close());

describe("command line basics", () => {
  it("prints its version and exits 0", async () => {
    const result = await runCli(["--version"]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("rejects an unknown flag with one line on stderr and exit 2", async () => {
    const result = await runCli(["check", "--bogus", "example.com"]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain("--bogus");
  });

  it("rejects an invalid domain name with exit 2 and no stack trace", async () => {
    const result = await runCli(["check", "exa mple.com", "-r", server.address]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^mailaudit: invalid domain name "exa mple.com"/);
    expect(result.stderr).not.toMatch(/\bat .+\.js:\d+/);
  });

  it("rejects a malformed --resolver with exit 2", async () => {
    const result = await runCli(["check", "basic.example", "-r", "not-an-ip"]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("--resolver");
  });

  it("turns a dead resolver into exit 3 within a few timeouts, not a missing record", async () => {
    const result = await runCli([
      "check",
      "dead.basic.example",
      "-r",
      server.address,
      "--timeout",
      "0.3",
      "-f",
      "json",
    ]);
    expect(result.exitCode).toBe(3);
    const doc = JSON.parse(result.stdout);
    expect(doc.domains[0].status).toBe("inconclusive");
    expect(doc.domains[0].findings.map((f: { rule: string }) => f.rule)).toContain("dns/lookup-failed");
    expect(doc.domains[0].findings.map((f: { rule: string }) => f.rule)).not.toContain("spf/missing");
    expect(result.elapsedMs).toBeLessThan(10_000);
  });

  it("lists the rule catalogue and prints a rule's doc", async () => {
    const list = await runCli(["rules"]);
    expect(list.exitCode).toBe(0);
    expect(list.stdout).toContain("dns/lookup-failed");
    const doc = await runCli(["rules", "dns/lookup-failed"]);
    expect(doc.stdout).toContain("## Remediation");
    const unknown = await runCli(["rules", "nope/nothing"]);
    expect(unknown.exitCode).toBe(2);
  });

  it("stays quiet when the reader closes the pipe early (mailaudit … | head)", async () => {
    // Enough output to outlast the pipe buffer once head has gone.
    const script = `for i in 1 2 3 4 5 6 7 8; do echo; done; "${process.execPath}" bin/mailaudit.js rules spf/lookup-limit; "${process.execPath}" bin/mailaudit.js check ${"basic.example ".repeat(300)} -r ${server.address} -f json | head -c 10 >/dev/null; echo "rc=\${PIPESTATUS[0]}" >&2`;
    // Asynchronous: the fixture DNS server lives in this process and must keep answering.
    const result = await new Promise<{ stderr: string }>((resolve, reject) => {
      const child = spawn("bash", ["-c", script]);
      let stderr = "";
      child.stderr.setEncoding("utf8").on("data", (d: string) => {
        stderr += d;
      });
      child.on("error", reject);
      child.on("close", () => resolve({ stderr }));
    });
    expect(result.stderr).toContain("rc=0");
    expect(result.stderr).not.toMatch(/EPIPE|internal error|at .+\.js:\d+/);
  });
});
