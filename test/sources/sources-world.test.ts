/**
 * Issue 14's world on loopback DNS: NSD serving northwind.test (SPF: Google Workspace, Microsoft 365,
 * SendGrid), the services' SPF trees and the senders' reverse zones, Unbound resolving through it,
 * and one reverse zone whose name server never answers. Reports from three receivers are ingested
 * with the CLI; `reports summary` must explain every source.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReportSummary, SourceSummary } from "../../src/reports/summary.js";
import { dnsDaemonsAvailable } from "../e2e/dns-lab.js";
import { type NsdServer, startNsd, zonesInDirectory } from "../helpers/nsd.js";
import { runCli } from "../helpers/run-cli.js";
import { startUnbound, type UnboundServer } from "../helpers/unbound.js";
import { WORLD_SOURCES as S, WORLD_REPORTS, worldReportXml } from "./world-reports.js";

const ZONES_DIR = "fixtures/sources-world";
/** The reverse zone of 198.18.99.5: delegated to a name server nothing listens on. */
const DEAD_REVERSE_ZONE = "99.18.198.in-addr.arpa";

describe.runIf(dnsDaemonsAvailable())("reports summary explains every source (NSD + Unbound world)", () => {
  let nsd: NsdServer;
  let unbound: UnboundServer;
  let dir: string;
  let db: string;
  let summary: ReportSummary;
  let exitCode: number | null;
  let stderr: string;

  const source = (ip: string): SourceSummary => {
    const found = summary.domains[0]?.sources.find((s) => s.ip === ip);
    if (!found) throw new Error(`no source ${ip}`);
    return found;
  };

  beforeAll(async () => {
    const zones = await zonesInDirectory(ZONES_DIR);
    nsd = await startNsd(zones);
    unbound = await startUnbound({
      zones: zones.map((z) => z.name),
      authority: nsd.address,
      deadZones: [DEAD_REVERSE_ZONE],
      // Unbound answers the documentation ranges' reverse zones itself unless told not to.
      noDefaultLocalZones: [
        ...zones.filter((z) => z.name.endsWith(".in-addr.arpa")).map((z) => z.name),
        "8.b.d.0.1.0.0.2.ip6.arpa",
      ],
    });
    dir = await mkdtemp(join(tmpdir(), "mailaudit-sources-"));
    db = join(dir, "reports.db");
    const now = Math.floor(Date.now() / 1000);
    const files = await Promise.all(
      WORLD_REPORTS.map(async (report) => {
        const file = join(dir, `${report.id}.xml`);
        await writeFile(file, worldReportXml(report, now));
        return file;
      }),
    );
    const ingest = await runCli(["reports", "ingest", "--db", db, ...files]);
    expect(ingest.exitCode, ingest.stderr).toBe(0);
    const result = await runCli([
      "reports",
      "summary",
      "--db",
      db,
      "-f",
      "json",
      "-r",
      unbound.address,
      "--timeout",
      "10",
    ]);
    ({ exitCode, stderr } = result);
    summary = JSON.parse(result.stdout) as ReportSummary;
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled([unbound?.close(), nsd?.close()]);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("Google Workspace over IPv4 and IPv6 and Microsoft 365: aligned, named from the include that lists them", () => {
    expect(source(S.google)).toMatchObject({ class: "aligned", service: "Google Workspace" });
    expect(source(S.google).evidence?.spf).toMatchObject({
      result: "pass",
      authorizedBy: "include:_spf.google.com",
      path: ["_spf.google.com", "_netblocks.google.com"],
    });
    expect(source(S.googleV6)).toMatchObject({
      class: "aligned",
      service: "Google Workspace",
      name: "mail-v6.google.com",
    });
    expect(source(S.microsoft)).toMatchObject({ class: "aligned", service: "Microsoft 365" });
  });

  it("SendGrid aligned through the customer's own return-path, and SendGrid unaligned with its fix", () => {
    expect(source(S.sendgridAligned)).toMatchObject({ class: "aligned", service: "SendGrid" });
    const unaligned = source(S.sendgridUnaligned);
    expect(unaligned).toMatchObject({ class: "authorized-unaligned", service: "SendGrid" });
    expect(unaligned.evidence?.spf?.authorizedBy).toBe("include:sendgrid.net");
    for (const fact of ["include:sendgrid.net", "em123.sendgrid.net", "d=sendgrid.net", "northwind.test"])
      expect(unaligned.explanation).toContain(fact);
  });

  it("a forwarder and a mailing list are forwarded", () => {
    expect(source(S.forwarder)).toMatchObject({ class: "forwarded", name: "fwd.mailbox.test" });
    expect(source(S.mailingList)).toMatchObject({ class: "forwarded", name: "lists.example.org" });
  });

  it("the spoofer is unauthorized, explained as unknown with no reverse DNS", () => {
    const spoofer = source(S.spoofer);
    expect(spoofer).toMatchObject({ class: "unauthorized", service: null, name: null, messages: 10 });
    expect(spoofer.evidence?.reverseDns).toEqual({ kind: "none" });
    expect(spoofer.explanation).toContain("unknown (no reverse DNS)");
  });

  it("the source whose reverse DNS times out is undecided (never unauthorized) and the run is inconclusive", () => {
    const timedOut = source(S.reverseTimesOut);
    expect(timedOut.class).toBeNull();
    expect(timedOut.evidence?.reverseDns?.kind).toBe("failed");
    expect(timedOut.undecided?.candidates).toContain("unauthorized");
    expect(timedOut.explanation).toContain("unknown (reverse DNS failed");
    expect(exitCode).toBe(3);
    expect(stderr).toContain("unclassified");
  });

  it("counts the reporter whose verdict contradicts its own auth results, and only that one", () => {
    const reporters = Object.fromEntries(
      summary.domains[0]?.reporters.map((r) => [r.org, r.disagreements]) ?? [],
    );
    expect(reporters["badreporter.test"]).toEqual({
      messages: 40,
      reporterPassOnly: 0,
      recomputedPassOnly: 40,
      unknown: 0,
    });
    expect(reporters["google.com"]?.messages).toBe(0);
    expect(reporters["yahoo.test"]?.messages).toBe(0);
    expect(source(S.google).evidence?.disagreements).toBe(40);
  });

  it("is not ready for p=reject: blockers largest first, aligned and forwarded sources never among them", () => {
    const readiness = summary.domains[0]?.readiness;
    expect(readiness?.ready).toBe(false);
    expect(readiness?.blockers.map((b) => [b.ip, b.class])).toEqual([
      [S.sendgridUnaligned, "authorized-unaligned"],
      [S.spoofer, "unauthorized"],
      [S.reverseTimesOut, null],
    ]);
  });

  it("table and CSV show class, service and explanation", async () => {
    const args = ["reports", "summary", "--db", db, "-r", unbound.address, "--timeout", "10"];
    const table = await runCli(args);
    expect(table.stdout).toMatch(/198\.51\.100\.140\s*│[^│]*│ authorized-unaligned │ SendGrid/);
    expect(table.stdout).toContain(`- ${source(S.sendgridUnaligned).explanation}`);
    expect(table.stdout).toContain("badreporter.test 40 of 40 messages");
    const csv = await runCli([...args, "-f", "csv"]);
    const [header, ...rows] = csv.stdout.trim().split("\r\n");
    expect(header?.split(",").slice(-3)).toEqual(["class", "service", "explanation"]);
    expect(rows.find((r) => r.includes(S.spoofer))).toContain(",unauthorized,,");
  }, 60_000);

  it("--no-dns classifies from the reports alone and says what it could not decide", async () => {
    const result = await runCli(["reports", "summary", "--db", db, "-f", "json", "--no-dns"]);
    expect(result.exitCode).toBe(0);
    const offline = JSON.parse(result.stdout) as ReportSummary;
    expect(offline.classification).toEqual({
      dns: false,
      undecidedSources: 1,
      undecidedClasses: ["authorized-unaligned", "unauthorized"],
    });
    const byIp = new Map(offline.domains[0]?.sources.map((s) => [s.ip, s]));
    expect(byIp.get(S.sendgridUnaligned)?.class).toBeNull();
    // The receivers checked northwind.test's own SPF for these and it failed: decidable offline.
    expect(byIp.get(S.spoofer)?.class).toBe("unauthorized");
    expect(byIp.get(S.google)?.class).toBe("aligned");
    expect(byIp.get(S.mailingList)?.class).toBe("forwarded");
    const table = await runCli(["reports", "summary", "--db", db, "--no-dns"]);
    expect(table.stdout).toContain("Classified from the reports alone (--no-dns)");
  }, 60_000);
});
