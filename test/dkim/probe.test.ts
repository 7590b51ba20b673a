/** `check` with no DKIM selector named: common selectors and those seen in stored reports are probed. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMON_SELECTORS } from "../../src/dkim/common-selectors.js";
import { type FixtureServer, loadZoneFile, startFixtureServer } from "../helpers/dns-server.js";
import { runCli } from "../helpers/run-cli.js";

type Finding = { rule: string; severity: string; messageId: string; data: Record<string, string | number> };
type Domain = {
  status: string;
  dkim?: { selector: string; keyBits: number | null; cnameTarget: string | null }[];
  dkimProbe?: { candidates: { selector: string; from: string }[]; found: string[] };
  findings: Finding[];
};

/** A minimal aggregate report of yesterday in which receivers saw probe.test sign with selector mta7. */
const END = Math.floor(Date.now() / 1000);
const REPORT = `<?xml version="1.0"?>
<feedback>
  <report_metadata><org_name>receiver.example</org_name><email>r@receiver.example</email>
    <report_id>probe-1</report_id><date_range><begin>${END - 86_400}</begin><end>${END}</end></date_range></report_metadata>
  <policy_published><domain>probe.test</domain><p>reject</p></policy_published>
  <record><row><source_ip>192.0.2.1</source_ip><count>3</count>
    <policy_evaluated><disposition>none</disposition><dkim>pass</dkim><spf>pass</spf></policy_evaluated></row>
    <identifiers><header_from>probe.test</header_from></identifiers>
    <auth_results><dkim><domain>probe.test</domain><selector>mta7</selector><result>pass</result></dkim>
      <dkim><domain>esp.example</domain><selector>espkey</selector><result>pass</result></dkim>
      <spf><domain>probe.test</domain><result>pass</result></spf></auth_results></record>
</feedback>
`;

let server: FixtureServer;
let dir: string;
beforeAll(async () => {
  server = await startFixtureServer({ zones: [loadZoneFile("fixtures/zones/dkim-probe.zone")] });
  dir = mkdtempSync(join(tmpdir(), "mailaudit-probe-"));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function check(domain: string, ...args: string[]) {
  const result = await runCli([
    "check",
    domain,
    ...args,
    "-r",
    server.address,
    "--timeout",
    "2",
    "-f",
    "json",
  ]);
  return { result, domain: JSON.parse(result.stdout).domains[0] as Domain };
}

describe("DKIM without selectors", () => {
  it("probes the built-in list, judges the keys found, and says it was a guess (a notice)", async () => {
    const before = server.queries.length;
    const { result, domain } = await check("probe.test");
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe("");
    expect(domain.dkim?.map((k) => k.selector).sort()).toEqual(["google", "selector1"]);
    expect(domain.dkim?.find((k) => k.selector === "selector1")?.cnameTarget).toBe(
      "selector1-probe-test._domainkey.tenant.probe.test",
    );
    const notice = domain.findings.filter((f) => f.rule === "dkim/selectors-guessed");
    expect(notice).toEqual([
      expect.objectContaining({
        messageId: "found",
        severity: "notice",
        data: expect.objectContaining({ name: "google, selector1" }),
      }),
    ]);
    // An absent guess is never an error.
    expect(domain.findings.map((f) => f.rule)).not.toContain("dkim/missing");
    // One TXT question per candidate, plus the CNAME chain of each key found: no more.
    const asked = server.queries.slice(before).filter((q) => q.includes("._domainkey."));
    const txt = asked.filter((q) => q.startsWith("TXT ") && !q.includes("tenant"));
    expect(new Set(txt).size).toBe(COMMON_SELECTORS.length);
    expect(asked.length).toBeLessThanOrEqual(COMMON_SELECTORS.length + 2 * 3);
  });

  it("also probes the selectors the report store saw sign as the domain (--reports-db)", async () => {
    const file = join(dir, "report.xml");
    writeFileSync(file, REPORT);
    const db = join(dir, "reports.db");
    expect((await runCli(["reports", "ingest", "--db", db, file])).exitCode).toBe(0);
    const { domain } = await check("probe.test", "--reports-db", db);
    expect(domain.dkimProbe?.candidates).toContainEqual({ selector: "mta7", from: "reports" });
    // A selector another domain signed with (d=esp.example) is not probed under probe.test.
    expect(domain.dkimProbe?.candidates.map((c) => c.selector)).not.toContain("espkey");
    expect(domain.dkim?.map((k) => k.selector).sort()).toEqual(["google", "mta7", "selector1"]);
  });

  it("the default store too, when there is one (XDG_DATA_HOME)", async () => {
    const home = join(dir, "data");
    const file = join(dir, "report.xml");
    writeFileSync(file, REPORT);
    expect((await runCli(["reports", "ingest", file], { env: { XDG_DATA_HOME: home } })).exitCode).toBe(0);
    const result = await runCli(["check", "probe.test", "-r", server.address, "-f", "json"], {
      env: { XDG_DATA_HOME: home },
    });
    expect(JSON.parse(result.stdout).domains[0].dkimProbe.found).toContain("mta7");
  });

  it("finds nothing under the guessed names: a notice naming them, no error; a wildcard TXT is no key", async () => {
    const { result, domain } = await check("bare.probe.test");
    expect(result.exitCode).toBe(0);
    expect(domain.dkim).toEqual([]);
    expect(domain.findings.filter((f) => f.rule.startsWith("dkim/"))).toEqual([
      expect.objectContaining({ rule: "dkim/selectors-guessed", messageId: "none", severity: "notice" }),
    ]);
  });

  it("probes nothing when a selector is named", async () => {
    const { domain } = await check("probe.test", "-s", "google");
    expect(domain.dkimProbe).toBeUndefined();
    expect(domain.findings.map((f) => f.rule)).not.toContain("dkim/selectors-guessed");
  });

  it("without any store (none at the default path), skips the reports silently", async () => {
    const { result, domain } = await check("probe.test");
    expect(result.stderr).toBe("");
    expect(domain.dkimProbe?.candidates.every((c) => c.from === "built-in")).toBe(true);
  });
});
