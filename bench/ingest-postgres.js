/**
 * mailaudit's PostgreSQL store in the ingest bench: the same corpus into a fresh database on the
 * bench's throwaway PostgreSQL (the one dmarcts-report-parser writes to: loopback, fsync off), by one
 * ingester and by four at once over a quarter of the files each. Throughput is XML bytes ÷ the wall
 * time from the first start to the last exit (process starts included); peak RSS is the largest of
 * the processes; CPU is the ingesters' (GNU time) plus the server's (its process tree,
 * process-cpu.js). The schema is created before the clock starts, as an administrator would.
 */
import { join } from "node:path";
import { runMeasured } from "./measure.js";
import { sharedPostgres } from "./postgres.js";

const CLI = join(import.meta.dirname, "..", "bin", "mailaudit.js");

/**
 * @param {string[][]} groups paths for each ingester, all started at once
 * @param {{ database: string, maxMb: number, timeoutMs: number }} options
 */
export async function runMailauditPostgres(groups, options) {
  let server;
  try {
    server = await sharedPostgres();
  } catch (error) {
    return { skipped: `no PostgreSQL: ${(error.stderr || error.message).trim().split("\n").at(-1)}` };
  }
  const url = await server.createDatabase(options.database);
  const ingest = (paths) =>
    runMeasured(
      process.execPath,
      [CLI, "reports", "ingest", ...paths, "--db", url, "--no-progress", "--max-size", String(options.maxMb)],
      { keepStdout: false, timeoutMs: options.timeoutMs },
    );
  // An empty run creates the schema (migrations) outside the timed part.
  await runMeasured(process.execPath, [CLI, "reports", "summary", "--db", url, "--no-dns", "-f", "json"], {
    keepStdout: false,
  });
  const started = performance.now();
  const serverCpuBefore = server.cpuMs();
  const results = await Promise.all(groups.map(ingest));
  const wallMs = performance.now() - started;
  const serverCpuMs = server.cpuMs() - serverCpuBefore;
  const clientCpuMs = results.reduce((sum, r) => sum + (r.cpuMs ?? Number.NaN), 0);
  const failed = results.filter((r) => r.exitCode !== 0);
  const reports = await server.count("reports", options.database).catch(() => "?");
  const records = await server.count("records", options.database).catch(() => "?");
  return {
    wallMs,
    /** CPU of the ingesters plus the server's (NaN without GNU time). */
    cpuMs: clientCpuMs + serverCpuMs,
    serverCpuMs,
    maxRssKb: Math.max(...results.map((r) => r.maxRssKb ?? 0)) || null,
    failures: failed.length,
    lastError: failed[0] && `exit ${failed[0].exitCode}: ${failed[0].stderr.trim().split("\n").at(-1)}`,
    timedOut: results.some((r) => r.timedOut),
    note: `${reports} reports, ${records} records stored${groups.length > 1 ? `; ${groups.length} processes` : ""}`,
  };
}

/** `files` dealt round-robin into `n` groups (neighbouring files, similar sizes, land apart). */
export function dealFiles(files, n) {
  const groups = Array.from({ length: n }, () => []);
  files.forEach((file, i) => {
    groups[i % n].push(file);
  });
  return groups;
}
