/**
 * `npm run bench`: builds the CLI, then measures audit (NSD + Unbound on loopback, against a
 * node:dns floor and peers), start-up, and report ingest (against peers), prints one table and
 * writes BENCHMARKS.md. Every server and temp dir it starts is removed at the end, on failure
 * and on Ctrl-C. Plain Node ESM; the CLI runs as child processes from bin/mailaudit.js.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "./args.js";
import { benchAudit } from "./audit-bench.js";
import { benchDmarcLookup, benchMailauthSpf } from "./audit-peers.js";
import { generateAuditZone } from "./audit-zone.js";
import { renderBenchmarksMd } from "./benchmarks-md.js";
import { cleanupAll, cleanupOnSignals, makeTempDir } from "./cleanup.js";
import { dkimPublicKeys } from "./dkim-keys.js";
import { benchHtml } from "./html-bench.js";
import { benchImap } from "./imap-bench.js";
import { benchIngest } from "./ingest-bench.js";
import { describeMachine } from "./machine.js";
import { ensureDebianPackages } from "./packages.js";
import { markdownTable, printTable, tableRows } from "./report-table.js";
import { startNsd, startUnbound } from "./servers.js";
import { benchStartup } from "./startup-bench.js";
import { benchZoneInputs } from "./zone-inputs.js";

const ROOT = join(import.meta.dirname, "..");
const PEER_SAMPLE = 100;

const say = (text) => process.stderr.write(`bench: ${text}\n`);

async function auditAndStartup(options, results) {
  const packages = ensureDebianPackages({
    "/usr/sbin/nsd": "nsd",
    "/usr/sbin/unbound": "unbound",
    "/usr/sbin/unbound-control": "unbound",
    "/usr/bin/time": "time",
    ...(options.peers ? { "/usr/bin/dmarc_lookup": "libmail-dmarc-perl" } : {}),
  });
  if (packages.failed.includes("nsd") || packages.failed.includes("unbound")) {
    throw new Error(`cannot install ${packages.failed.join(", ")}: the audit bench needs NSD and Unbound`);
  }
  const dir = makeTempDir("dns");
  const zone = generateAuditZone({
    domains: options.domains,
    dkimKeys: dkimPublicKeys(join(ROOT, ".bench")),
  });
  writeFileSync(join(dir, "test.zone"), zone.zoneText);
  const nsd = await startNsd(dir, { zone: zone.zone, zoneFile: "test.zone" });
  const unbound = await startUnbound(dir, { zone: zone.zone, nsdPort: nsd.port });
  say(`NSD on 127.0.0.1:${nsd.port}, Unbound on ${unbound.address}, ${zone.domains.length} domains`);

  if (options.sections.has("audit")) {
    say(`audit: ${options.rounds} cold rounds of check + floor`);
    results.audit = await benchAudit({ unbound, nsd, domains: zone.domains, rounds: options.rounds, dir });
    if (options.peers) {
      const sample = zone.domains.slice(0, PEER_SAMPLE);
      say(`audit peers on ${sample.length} domains`);
      const questions = JSON.parse(readFileSync(join(dir, `questions-${options.rounds - 1}.json`), "utf8"));
      results.auditPeers = {
        "Mail::DMARC dmarc_lookup": await benchDmarcLookup({ unbound, domains: sample, dir }),
        "mailauth spf --dns-cache": await benchMailauthSpf({ unbound, domains: sample, questions, dir }),
      };
    }
  }
  if (options.sections.has("startup")) {
    say(`start-up: ${options.startupRuns} runs each`);
    results.startup = await benchStartup({
      resolver: unbound.address,
      domain: zone.domains[0],
      runs: options.startupRuns,
    });
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  cleanupOnSignals();
  const results = { machine: describeMachine(), options };
  if (options.build) {
    say("building (npm run build)");
    execFileSync("npm", ["run", "--silent", "build"], { cwd: ROOT, stdio: "inherit" });
  }
  if (!existsSync(join(ROOT, "dist", "src", "cli", "main.js")))
    throw new Error("dist/ is missing: run npm run build");
  if (options.sections.has("audit") || options.sections.has("startup"))
    await auditAndStartup(options, results);
  if (options.sections.has("ingest")) {
    if (options.peers) {
      ensureDebianPackages({
        "/usr/bin/dmarc-cat": "dmarc-cat",
        "/usr/sbin/dmarcts-report-parser": "dmarcts-report-parser",
        "/usr/lib/x86_64-linux-gnu/perl5/5.36/DBD/Pg.pm": "libdbd-pg-perl",
        "/usr/lib/postgresql": "postgresql",
        "/usr/share/perl5/Mail/DMARC.pm": "libmail-dmarc-perl",
      });
    }
    say(`ingest: ${options.smallReports} small reports and one ${options.bigMb} MB report`);
    results.ingest = await benchIngest({ dir: makeTempDir("ingest"), ...options });
  }
  if (options.sections.has("zones")) {
    say("zones: reading a 10,000-record octoDNS zone and a 5,000-resource Terraform plan");
    results.zones = await benchZoneInputs({ dir: makeTempDir("zones") });
  }
  if (options.sections.has("imap")) {
    ensureDebianPackages({ "/usr/sbin/dovecot": "dovecot-imapd", "/usr/bin/time": "time" });
    say(
      `imap: ${options.imapMails} report mails from Dovecot, against the same Maildir, ${options.rounds} rounds`,
    );
    results.imap = await benchImap({
      dir: makeTempDir("imap"),
      imapMails: options.imapMails,
      rounds: options.rounds,
    });
  }
  if (options.sections.has("html")) {
    ensureDebianPackages({ "/usr/bin/chromium": "chromium", "/usr/bin/time": "time" });
    say("html: reports summary -f html on 50 domains × 90 days × 200 sources, opened in Chromium");
    results.html = await benchHtml({ dir: makeTempDir("html") });
  }
  const rows = tableRows(results);
  process.stdout.write(`${printTable(rows)}\n`);
  if (options.write) {
    const path = join(ROOT, "BENCHMARKS.md");
    writeFileSync(
      path,
      renderBenchmarksMd(results, markdownTable(rows), existsSync(path) ? readFileSync(path, "utf8") : ""),
    );
    say(`wrote ${path}`);
  }
  mkdirSync(join(ROOT, ".bench"), { recursive: true });
  writeFileSync(join(ROOT, ".bench", "last-results.json"), JSON.stringify(results, null, 2));
}

try {
  await main();
} catch (error) {
  process.stderr.write(`bench: ${error.message}\n`);
  process.exitCode = 1;
} finally {
  await cleanupAll();
}
