/**
 * Ingest bench: the same corpus through `mailaudit reports ingest` (into a fresh SQLite file, and
 * into PostgreSQL by one and by four ingesters: ingest-postgres.js) and through each peer. Throughput is XML bytes ÷ wall time of the whole command (process start
 * included, as a cron job would pay it). Two corpora: many small reports, and one big report.
 */
import { mkdirSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { runDmarcCat, runDmarcts, runMailDmarc } from "./ingest-peers.js";
import { dealFiles, runMailauditPostgres } from "./ingest-postgres.js";
import { runMeasured } from "./measure.js";
import { CORES } from "./process-cpu.js";
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

/** PostgreSQL store rows (ours, with goals relative to the SQLite row and to one PostgreSQL ingester). */
const PG_ONE = "mailaudit → PostgreSQL";
const PG_FOUR = "mailaudit → PostgreSQL, 4 ingesters at once";

async function benchPostgres(label, files, paths, bytes, options) {
  const base = `mailaudit_${label.replace(/\W+/g, "_")}`;
  const common = { maxMb: options.bigMb * 2, timeoutMs: PEER_TIMEOUT_MS };
  const tools = [
    withThroughput(PG_ONE, bytes, await runMailauditPostgres([paths], { ...common, database: `${base}_1` })),
  ];
  // Four ingesters need four inputs: the many small reports, not the one big one.
  if (files.length >= 4)
    tools.push(
      withThroughput(
        PG_FOUR,
        bytes,
        await runMailauditPostgres(dealFiles(files, 4), { ...common, database: `${base}_4` }),
      ),
    );
  return tools.map((tool) => ({ ...tool, ours: true }));
}

/**
 * What four ingesters could reach here at best: one ingester and its PostgreSQL server use some CPU
 * per second of wall; with CORES cores, four such runs side by side go at most CORES × wall ÷ CPU
 * times as fast as one, however well the store scales (process-cpu.js).
 */
function ceilingNote(one) {
  if (!one?.cpuMs || !one.wallMs) return "";
  const coresBusy = one.cpuMs / one.wallMs;
  return `; CPU ceiling here ${(CORES / coresBusy).toFixed(2)}× (one ingester and its server used ${coresBusy.toFixed(2)} of ${CORES} cores: CPU ${Math.round(one.cpuMs)} ms, server ${Math.round(one.serverCpuMs)} ms, in ${Math.round(one.wallMs)} ms)`;
}

/** Goals of the PostgreSQL rows, judged once every tool of the corpus has run. */
function judgePostgres(tools) {
  const rate = (name) => tools.find((t) => t.name === name && !t.failures)?.mbPerSecond;
  const sqlite = rate("mailaudit");
  const one = rate(PG_ONE);
  const dmarcts = rate("dmarcts-report-parser");
  for (const tool of tools) {
    if (tool.name === PG_ONE) {
      tool.goal = "≥ 0.7× SQLite MB/s; ahead of dmarcts-report-parser";
      tool.met =
        one !== undefined &&
        sqlite !== undefined &&
        one >= 0.7 * sqlite &&
        (dmarcts === undefined || one > dmarcts);
      tool.ratio = `${(one / sqlite).toFixed(2)}× SQLite${dmarcts ? `, ${(one / dmarcts).toFixed(1)}× dmarcts-report-parser` : ""}`;
    }
    if (tool.name === PG_FOUR) {
      tool.goal = "≥ 2.5× one PostgreSQL ingester";
      tool.met = tool.mbPerSecond !== undefined && one !== undefined && tool.mbPerSecond >= 2.5 * one;
      tool.ratio = `${(tool.mbPerSecond / one).toFixed(2)}× one ingester${ceilingNote(tools.find((t) => t.name === PG_ONE))}`;
    }
  }
}

async function benchCorpus(label, files, paths, bytes, dir, options) {
  const tools = [withThroughput("mailaudit", bytes, await runMailaudit(paths, dir, label, options.bigMb))];
  tools.push(...(await benchPostgres(label, files, paths, bytes, options)));
  if (options.peers) {
    tools.push(withThroughput("dmarc-cat", bytes, await runDmarcCat(files, PEER_TIMEOUT_MS)));
    tools.push(withThroughput("dmarcts-report-parser", bytes, await runDmarcts(files, dir, PEER_TIMEOUT_MS)));
    const sample = files.slice(0, SLOW_PEER_SAMPLE);
    const sampleBytes = sample.reduce((n, f) => n + statSync(f).size, 0);
    const mailDmarc = await runMailDmarc(sample, dir, PEER_TIMEOUT_MS);
    if (sample.length < files.length) mailDmarc.note = `${mailDmarc.note}; first ${sample.length} files`;
    tools.push(withThroughput("Mail::DMARC", sampleBytes, mailDmarc));
  }
  judgePostgres(tools);
  const peers = tools.filter((t) => t.name !== "mailaudit" && !t.ours && t.mbPerSecond && !t.failures);
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
