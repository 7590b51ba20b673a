/**
 * Ingest bench: the same corpus through `mailaudit reports ingest` (into a fresh SQLite file) and
 * through each peer. Throughput is XML bytes ÷ wall time of the whole command (process start
 * included, as a cron job would pay it). Two corpora: many small reports, and one big report.
 */
import { mkdirSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { runDmarcCat, runDmarcts, runMailDmarc } from "./ingest-peers.js";
import { runMeasured } from "./measure.js";
import { writeBigReport, writeSmallReports } from "./report-corpus.js";

const CLI = join(import.meta.dirname, "..", "bin", "mailaudit.js");
/** A peer that takes longer than this on one corpus is stopped and reported as such. */
const PEER_TIMEOUT_MS = 120_000;
/** Mail::DMARC takes ~85 ms a small report (a SQLite commit per row): it gets a sample, not all. */
const SLOW_PEER_SAMPLE = 300;

async function runMailaudit(paths, dir, label, bigMb) {
  const db = join(dir, `mailaudit-${label}.db`);
  // --max-size above the big report: the default 64 MB cap would (rightly) refuse it.
  const result = await runMeasured(
    process.execPath,
    [CLI, "reports", "ingest", ...paths, "--db", db, "--no-progress", "--max-size", String(bigMb * 2)],
    { keepStdout: false, timeoutMs: PEER_TIMEOUT_MS },
  );
  if (/not built yet/.test(result.stderr)) return { skipped: "`reports ingest` not built yet" };
  return {
    ...measuredOutcome(result),
    note: storedCounts(db),
  };
}

/**
 * What the store holds, read straight from SQLite (not through \`reports summary\`, whose
 * per-source query is quadratic in distinct source IPs: see BENCHMARKS.md).
 */
function storedCounts(db) {
  try {
    const store = new DatabaseSync(db, { readOnly: true });
    const count = (table) => store.prepare(`SELECT count(*) AS n FROM ${table}`).get().n;
    const text = `${count("reports")} reports, ${count("records")} records stored`;
    store.close();
    return text;
  } catch (error) {
    return `store unreadable: ${error.message}`;
  }
}

function measuredOutcome(result) {
  return {
    wallMs: result.wallMs,
    maxRssKb: result.maxRssKb,
    failures: result.exitCode === 0 ? 0 : 1,
    lastError:
      result.exitCode === 0
        ? undefined
        : `exit ${result.exitCode}: ${result.stderr.trim().split("\n").at(-1)}`,
    timedOut: result.timedOut,
  };
}

function withThroughput(name, bytes, result) {
  if (result.skipped) return { name, ...result };
  if (result.timedOut) return { name, ...result, skipped: `stopped after ${PEER_TIMEOUT_MS / 1000} s` };
  return { name, ...result, mbPerSecond: bytes / 2 ** 20 / (result.wallMs / 1000) };
}

async function benchCorpus(label, files, paths, bytes, dir, options) {
  const tools = [withThroughput("mailaudit", bytes, await runMailaudit(paths, dir, label, options.bigMb))];
  if (options.peers) {
    tools.push(withThroughput("dmarc-cat", bytes, await runDmarcCat(files, PEER_TIMEOUT_MS)));
    tools.push(withThroughput("dmarcts-report-parser", bytes, await runDmarcts(files, dir, PEER_TIMEOUT_MS)));
    const sample = files.slice(0, SLOW_PEER_SAMPLE);
    const sampleBytes = sample.reduce((n, f) => n + statSync(f).size, 0);
    const mailDmarc = await runMailDmarc(sample, dir, PEER_TIMEOUT_MS);
    if (sample.length < files.length) mailDmarc.note = `${mailDmarc.note}; first ${sample.length} files`;
    tools.push(withThroughput("Mail::DMARC", sampleBytes, mailDmarc));
  }
  const peers = tools.filter((t) => t.name !== "mailaudit" && t.mbPerSecond && !t.failures);
  const fastestPeer = peers.sort((a, b) => b.mbPerSecond - a.mbPerSecond)[0];
  return { label, files: files.length, megabytes: bytes / 2 ** 20, tools, fastestPeer };
}

/** @param {{ dir: string, smallReports: number, bigMb: number, peers: boolean }} options */
export async function benchIngest(options) {
  const smallDir = join(options.dir, "small");
  const smallBytes = writeSmallReports(smallDir, options.smallReports);
  const smallFiles = readdirSync(smallDir).map((f) => join(smallDir, f));
  const bigDir = join(options.dir, "big");
  // dmarc-cat only accepts report-like file names (<receiver>!<domain>!<begin>!<end>.xml).
  const bigFile = join(bigDir, "google.com!bigsender.test!1790000000!1790086399.xml");
  mkdirSync(bigDir);
  const bigBytes = await writeBigReport(bigFile, options.bigMb);
  return {
    corpora: [
      await benchCorpus(
        `${smallFiles.length} small reports`,
        smallFiles,
        [smallDir],
        smallBytes,
        options.dir,
        options,
      ),
      await benchCorpus(
        `one ${Math.round(statSync(bigFile).size / 2 ** 20)} MB report`,
        [bigFile],
        [bigFile],
        bigBytes,
        options.dir,
        options,
      ),
    ],
  };
}
