/**
 * Peers for the audit side, run on the same servers and domains. Both peer CLIs take one domain
 * per process, so each is run once per domain over a sample, sequentially, as a user's shell loop
 * would; domains/s is sample size ÷ total wall.
 *
 * - Mail::DMARC `dmarc_lookup` (Perl, Net::DNS): DMARC policy discovery only, pointed at Unbound
 *   through Net::DNS's RES_NAMESERVERS / RES_OPTIONS=port:N; cold cache, queries counted as for us.
 * - mailauth `spf` (Node): cannot be pointed at a DNS server; it reads `--dns-cache <file>`, which
 *   we fill from Unbound's answers to the questions mailaudit asked. It evaluates check_host for one
 *   IP (here one that no record authorizes, so the whole tree is walked) and does no DNS I/O at all:
 *   an SPF-only, zero-latency comparison, not like for like.
 */
import { Resolver } from "node:dns/promises";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runMeasured } from "./measure.js";
import { logSize, questionsSince, uniqueQuestions } from "./query-log.js";

const MAILAUTH = join(import.meta.dirname, "..", "node_modules", "mailauth", "bin", "mailauth.js");
const DMARC_LOOKUP = "/usr/bin/dmarc_lookup";
const MAIL_DMARC_INI = "/usr/share/perl5/auto/share/dist/Mail-DMARC/mail-dmarc.ini";
const PSL = "/usr/share/publicsuffix/public_suffix_list.dat";

async function perDomain(domains, runOne) {
  let wallMs = 0;
  let maxRssKb = 0;
  const failures = [];
  for (const domain of domains) {
    const result = await runOne(domain);
    wallMs += result.wallMs;
    maxRssKb = Math.max(maxRssKb, result.maxRssKb ?? 0);
    if (result.exitCode !== 0)
      failures.push(`${domain}: exit ${result.exitCode} ${result.stderr.trim().split("\n").at(-1) ?? ""}`);
  }
  return {
    sample: domains.length,
    wallMs,
    domainsPerSecond: domains.length / (wallMs / 1000),
    maxRssKb,
    failures: failures.slice(0, 3),
    failureCount: failures.length,
  };
}

/**
 * Mail::DMARC accepts a header_from only when its TLD is in the Public Suffix List, and `test.`
 * (RFC 6761) is not: its working dir gets a mail-dmarc.ini whose PSL is Debian's plus `test`.
 */
function mailDmarcWorkDir(dir) {
  const work = join(dir, "mail-dmarc-lookup");
  mkdirSync(work, { recursive: true });
  const psl = join(work, "public_suffix_list.dat");
  writeFileSync(psl, `${readFileSync(PSL, "utf8")}\ntest\n`);
  const ini = readFileSync(MAIL_DMARC_INI, "utf8").replace(
    /^public_suffix_list\s*=.*$/m,
    `public_suffix_list = ${psl}`,
  );
  writeFileSync(join(work, "mail-dmarc.ini"), ini);
  return work;
}

export async function benchDmarcLookup({ unbound, domains, dir }) {
  if (!existsSync(DMARC_LOOKUP)) return { skipped: "dmarc_lookup not installed (libmail-dmarc-perl)" };
  const work = mailDmarcWorkDir(dir);
  await unbound.flushCaches();
  const offset = logSize(unbound.logFile);
  const env = { RES_NAMESERVERS: "127.0.0.1", RES_OPTIONS: `port:${unbound.port}` };
  const result = await perDomain(domains, (domain) =>
    runMeasured(DMARC_LOOKUP, ["--domain", domain], { cwd: work, env }),
  );
  await new Promise((r) => setTimeout(r, 100));
  const logged = questionsSince(unbound.logFile, offset);
  return {
    ...result,
    queries: logged.length,
    uniqueQuestions: uniqueQuestions(logged).length,
    scope: "DMARC only",
  };
}

/** Writes mailauth's `--dns-cache` format ({ name: { TYPE: answers } }) from Unbound's answers. */
async function writeDnsCache(file, server, questions) {
  const resolver = new Resolver({ timeout: 2000, tries: 2 });
  resolver.setServers([server]);
  const cache = {};
  for (const [name, type] of questions) {
    try {
      const answers = await resolver.resolve(name, type);
      cache[name] ??= {};
      cache[name][type] = answers;
    } catch {
      // Absent from the cache is what mailauth treats as NXDOMAIN.
    }
  }
  writeFileSync(file, JSON.stringify(cache));
}

export async function benchMailauthSpf({ unbound, domains, questions, dir }) {
  if (!existsSync(MAILAUTH)) return { skipped: "mailauth CLI not in node_modules" };
  const cacheFile = join(dir, "mailauth-dns-cache.json");
  await writeDnsCache(cacheFile, unbound.address, questions);
  const result = await perDomain(domains, (domain) =>
    runMeasured(process.execPath, [
      MAILAUTH,
      "spf",
      "-f",
      `postmaster@${domain}`,
      "-i",
      "192.0.2.1",
      "-m",
      "mx.bench.test",
      "--dns-cache",
      cacheFile,
    ]),
  );
  return { ...result, scope: "SPF check_host for one IP, answers from a JSON file (no DNS)" };
}
