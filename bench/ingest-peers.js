/**
 * Peers for report ingest, each fed the same files as mailaudit, each measured as a child process
 * (wall, peak RSS). Each returns { skipped } with the precise reason when it cannot run here.
 *
 * - dmarc-cat (Go, Debian): reads one report per invocation and prints a summary; it stores
 *   nothing. Run once per file (it ignores further arguments), with -N (no reverse DNS).
 * - dmarcts-report-parser (Perl, Debian): stores into PostgreSQL (or MySQL); run with -x over a
 *   glob of the files, against a throwaway PostgreSQL on loopback.
 * - Mail::DMARC (Perl, Debian libmail-dmarc-perl): Receive::handle_body into its SQLite store
 *   (mail-dmarc-import.pl); dmarc_receive itself only reads email messages.
 */
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runMeasured } from "./measure.js";
import { sharedPostgres } from "./postgres.js";

const DMARC_CAT = "/usr/bin/dmarc-cat";
const DMARCTS = "/usr/sbin/dmarcts-report-parser";
const MAIL_DMARC_IMPORT = join(import.meta.dirname, "mail-dmarc-import.pl");

function sum(results) {
  return {
    wallMs: results.reduce((t, r) => t + r.wallMs, 0),
    maxRssKb: Math.max(...results.map((r) => r.maxRssKb ?? 0)),
    failures: results.filter((r) => r.exitCode !== 0).length,
    timedOut: results.some((r) => r.timedOut),
    lastError: results
      .filter((r) => r.exitCode !== 0)
      .at(-1)
      ?.stderr.trim()
      .split("\n")
      .at(-1),
  };
}

export async function runDmarcCat(files, timeoutMs) {
  if (!existsSync(DMARC_CAT)) return { skipped: "dmarc-cat not installed" };
  const results = [];
  for (const file of files)
    results.push(await runMeasured(DMARC_CAT, ["-N", file], { keepStdout: false, timeoutMs }));
  return { ...sum(results), note: "parse + print, no store; one process per file" };
}

let postgres;
export async function runDmarcts(files, dir, timeoutMs) {
  if (!existsSync(DMARCTS)) return { skipped: "dmarcts-report-parser not installed" };
  try {
    postgres ??= await sharedPostgres();
  } catch (error) {
    return { skipped: `no PostgreSQL for it: ${(error.stderr || error.message).trim().split("\n").at(-1)}` };
  }
  const work = join(dir, `dmarcts-${Date.now()}`);
  mkdirSync(work, { recursive: true });
  writeFileSync(
    join(work, "dmarcts-report-parser.conf"),
    `$debug = 0; $delete_reports = 0; $delete_failed = 0;
$dbtype = 'Pg'; $dbname = 'dmarc'; $dbuser = 'postgres'; $dbpass = ''; $dbhost = '127.0.0.1'; $dbport = '${postgres.port}';
$imapserver = ''; $imapuser = ''; $imappass = ''; $imapreadfolder = 'Inbox'; $imapmovefolder = ''; $imapmovefoldererr = '';
$maxsize_xml = 50000; $compress_xml = 0; $db_tx_support = 1;
1;
`,
  );
  // Its -x takes globs (it globs each argument itself); one glob per folder keeps argv short.
  const globs = [...new Set(files.map((f) => `${f.slice(0, f.lastIndexOf("/"))}/*.xml`))];
  const before = await postgres.count("rptrecord").catch(() => 0);
  const result = await runMeasured(DMARCTS, ["-x", ...globs], { cwd: work, keepStdout: false, timeoutMs });
  const stored = (await postgres.count("rptrecord").catch(() => 0)) - before;
  return { ...sum([result]), note: `into PostgreSQL (fsync off); ${stored} records stored` };
}

export async function runMailDmarc(files, dir, timeoutMs) {
  if (!existsSync("/usr/share/perl5/Mail/DMARC.pm")) return { skipped: "libmail-dmarc-perl not installed" };
  const work = join(dir, `mail-dmarc-${Date.now()}`);
  mkdirSync(work, { recursive: true });
  copyFileSync("/usr/share/perl5/auto/share/dist/Mail-DMARC/mail-dmarc.ini", join(work, "mail-dmarc.ini"));
  // Lists of thousands of paths go in batches to stay under the argument-size limit.
  const results = [];
  for (let i = 0; i < files.length; i += 500) {
    results.push(
      await runMeasured("perl", [MAIL_DMARC_IMPORT, ...files.slice(i, i + 500)], {
        cwd: work,
        keepStdout: false,
        timeoutMs,
      }),
    );
  }
  return { ...sum(results), note: "Receive::handle_body into its SQLite store" };
}
