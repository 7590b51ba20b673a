/**
 * Progress lines appear on stderr only when it is a terminal, and never in pipes or CI logs.
 * A real pseudo-terminal comes from util-linux `script`, so the CLI sees `isTTY` as a user's would.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FixtureServer, loadZoneFile, startFixtureServer } from "../helpers/dns-server.js";
import { canRunInTerminal, runCli, runInTerminal } from "../helpers/run-cli.js";

const hasScript = canRunInTerminal();
let server: FixtureServer;
let dir: string;

beforeAll(async () => {
  server = await startFixtureServer({ zones: [loadZoneFile("fixtures/zones/basic.example.zone")] });
  dir = mkdtempSync(join(tmpdir(), "mailaudit-progress-"));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasScript)("progress lines", () => {
  const domains = ["basic.example", "a.b.deep.basic.example", "mx1.basic.example"];

  it("check: 'audited N/M domains' on a terminal, cleared at the end", async () => {
    const screen = await runInTerminal(["check", ...domains, "-r", server.address, "-f", "json"]);
    expect(screen).toContain("audited 3/3 domains");
    // The DNS answers arrived (no timeouts): the audit itself is unchanged by the terminal.
    expect(screen).not.toContain("dns/lookup-failed");
    expect(screen).toContain("\r\u001b[K");
  });

  it("check: nothing on stderr when it is not a terminal", async () => {
    const result = await runCli(["check", ...domains, "-r", server.address, "-f", "json"]);
    expect(result.stderr).toBe("");
  });

  it("reports ingest: a progress line on a terminal, silent in a pipe", async () => {
    const report = join(dir, "r.xml");
    writeFileSync(
      report,
      `<?xml version="1.0"?><feedback><report_metadata><org_name>o.example</org_name><email>a@o.example</email><report_id>p1</report_id><date_range><begin>1700000000</begin><end>1700086399</end></date_range></report_metadata><policy_published><domain>example.test</domain><p>none</p></policy_published><record><row><source_ip>192.0.2.1</source_ip><count>1</count><policy_evaluated><disposition>none</disposition><dkim>pass</dkim><spf>pass</spf></policy_evaluated></row><identifiers><header_from>example.test</header_from></identifiers><auth_results><spf><domain>example.test</domain><result>pass</result></spf></auth_results></record></feedback>`,
    );
    const screen = await runInTerminal(["reports", "ingest", "--db", join(dir, "tty.db"), report]);
    expect(screen).toContain("\r\u001b[K");
    const piped = await runCli(["reports", "ingest", "--db", join(dir, "pipe.db"), report]);
    expect(piped.exitCode).toBe(0);
    expect(piped.stderr).toBe("");
  });
});
