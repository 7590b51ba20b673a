/**
 * Audit bench: `mailaudit check <N domains>` through Unbound (cold cache) into NSD, against the
 * floor — the same unique questions asked by floor-client.js with node:dns — on the same servers.
 *
 * Method for "queries ÷ unique questions": Unbound logs every query it receives from a client
 * (`log-queries`, UDP and TCP); the log lines written during the mailaudit run are its queries, and
 * their distinct (name, type) set is what the audit needed. The count is cross-checked against
 * Unbound's own counter (`total.num.queries` from `unbound-control stats_noreset`).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cpuBudget } from "./audit-cpu-budget.js";
import { median, runMeasured } from "./measure.js";
import { treeCpuMs } from "./process-cpu.js";
import { logSize, questionsSince, repeatedQuestions, uniqueQuestions } from "./query-log.js";

const CLI = join(import.meta.dirname, "..", "bin", "mailaudit.js");
const FLOOR = join(import.meta.dirname, "floor-client.js");
const THROUGHPUT = join(import.meta.dirname, "throughput.js");
const THREAD_CPU = join(import.meta.dirname, "thread-cpu.js");
/** The floor's transports: node:dns, and mailaudit's own DNS client alone. */
export const FLOOR_TRANSPORTS = ["node", "mailaudit"];
/**
 * Raw throughput: this many TXT questions, this many in flight, straight at NSD (no cache between),
 * timed after a warm-up of THROUGHPUT_WARMUP questions that is timed apart (throughput.js says why).
 */
const THROUGHPUT_QUERIES = 20000;
const THROUGHPUT_WARMUP = 5000;
const THROUGHPUT_IN_FLIGHT = 50;
const THROUGHPUT_ROUNDS = 3;
/** mailaudit audits 16 domains at once, each asking up to 4 questions at a time (SPF, DMARC, 2 DKIM). */
export const CHECK_CONCURRENCY = 16;
export const FLOOR_IN_FLIGHT = CHECK_CONCURRENCY * 4;
/** Higher `--concurrency` must not collapse (lost UDP answers cost a whole timeout each). */
export const HIGH_CONCURRENCIES = [64, 256];
/** The goal: check's wall at most this many times the floor's. */
export const WALL_RATIO_GOAL = 1.5;

/** The kernel's count of UDP datagrams dropped for a full receive buffer (all sockets). */
function udpReceiveBufferErrors() {
  const lines = readFileSync("/proc/net/snmp", "utf8")
    .split("\n")
    .filter((l) => l.startsWith("Udp:"));
  const [names, values] = lines.map((l) => l.split(/\s+/));
  const at = names?.indexOf("RcvbufErrors") ?? -1;
  return at === -1 ? undefined : Number(values?.[at]);
}

/**
 * One run through a cold Unbound: wall, RSS, CPU, what Unbound received, and the CPU Unbound and
 * NSD spent meanwhile (they share the cores with the client).
 */
async function coldRun(servers, command, args, options) {
  const { unbound } = servers;
  await unbound.flushCaches();
  const offset = logSize(unbound.logFile);
  const before = (await unbound.stats()).get("total.num.queries") ?? 0;
  const serversCpu = () => treeCpuMs(unbound.pid) + (servers.nsd ? treeCpuMs(servers.nsd.pid) : 0);
  const serversBefore = serversCpu();
  const result = await runMeasured(command, args, options);
  const serversCpuMs = serversCpu() - serversBefore;
  await new Promise((r) => setTimeout(r, 100)); // let Unbound's log reach the file
  const received = ((await unbound.stats()).get("total.num.queries") ?? 0) - before;
  const logged = questionsSince(unbound.logFile, offset);
  return { ...result, serversCpuMs, received, logged };
}

function summarizeCheckOutput(stdout) {
  try {
    const report = JSON.parse(stdout);
    const statuses = {};
    for (const d of report.domains) statuses[d.status] = (statuses[d.status] ?? 0) + 1;
    return { domains: report.domains.length, statuses };
  } catch {
    return { domains: 0, statuses: {}, unparsable: stdout.slice(0, 200) };
  }
}

/**
 * @param {{ unbound: object, domains: string[], rounds: number, dir: string }} options
 */
export async function benchAudit({ unbound, nsd, domains, rounds, dir }) {
  const servers = { unbound, nsd };
  const checkArgs = [
    CLI,
    "check",
    ...domains,
    "-r",
    unbound.address,
    "-f",
    "json",
    "--selector",
    "s1",
    "--selector",
    "s2",
    "--concurrency",
    String(CHECK_CONCURRENCY),
  ];
  // Warm the OS file cache for node and dist/ once, outside the measurement.
  await runMeasured(process.execPath, [CLI, "check", domains[0], "-r", unbound.address, "-f", "json"]);

  const rows = [];
  for (let round = 0; round < rounds; round++) {
    const check = await coldRun(servers, process.execPath, checkArgs);
    const unique = uniqueQuestions(check.logged);
    const questionsFile = join(dir, `questions-${round}.json`);
    writeFileSync(questionsFile, JSON.stringify(unique));
    const floors = {};
    for (const transport of FLOOR_TRANSPORTS) {
      floors[transport] = await coldRun(servers, process.execPath, [
        FLOOR,
        unbound.address,
        String(FLOOR_IN_FLIGHT),
        questionsFile,
        transport,
      ]);
    }
    // The floor is the faster client asking the same questions.
    const floor = Object.values(floors).reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
    rows.push({ check, floor, floors, unique: unique.length, output: summarizeCheckOutput(check.stdout) });
  }
  // One cold run at each higher concurrency, beside the median wall at the default.
  const concurrency = [];
  for (const level of HIGH_CONCURRENCIES) {
    const args = [...checkArgs.slice(0, -1), String(level)];
    const dropsBefore = udpReceiveBufferErrors();
    const run = await coldRun(servers, process.execPath, args);
    const dropsAfter = udpReceiveBufferErrors();
    concurrency.push({
      level,
      wallMs: run.wallMs,
      udpDrops: dropsBefore === undefined || dropsAfter === undefined ? undefined : dropsAfter - dropsBefore,
      statuses: summarizeCheckOutput(run.stdout).statuses,
    });
  }
  const mainThread = await mainThreadCpu(servers, checkArgs, dir);
  const throughput = nsd ? await measureThroughput(nsd, domains, dir) : undefined;
  const last = rows.at(-1);
  const checkWall = median(rows.map((r) => r.check.wallMs));
  const floorWall = median(rows.map((r) => r.floor.wallMs));
  return {
    domains: domains.length,
    rounds,
    exitCode: last.check.exitCode,
    stderrTail: last.check.stderr.slice(-500),
    output: last.output,
    wallMs: checkWall,
    domainsPerSecond: domains.length / (checkWall / 1000),
    maxRssKb: Math.max(...rows.map((r) => r.check.maxRssKb ?? 0)),
    queriesReceived: median(rows.map((r) => r.check.received)),
    queriesLogged: median(rows.map((r) => r.check.logged.length)),
    uniqueQuestions: median(rows.map((r) => r.unique)),
    queryRatio: median(rows.map((r) => r.check.received / r.unique)),
    repeated: repeatedQuestions(last.check.logged),
    questionTypes: countTypes(uniqueQuestions(last.check.logged)),
    floorWallMs: floorWall,
    floorReceived: median(rows.map((r) => r.floor.received)),
    floorOutput: last.floor.stdout,
    wallRatio: median(rows.map((r) => r.check.wallMs / r.floor.wallMs)),
    walls: rows.map((r) => [Math.round(r.check.wallMs), Math.round(r.floor.wallMs)]),
    floorWalls: Object.fromEntries(
      FLOOR_TRANSPORTS.map((t) => [t, median(rows.map((r) => r.floors[t].wallMs))]),
    ),
    floorTransports: rows.map((r) => JSON.parse(r.floor.stdout || "{}").transport),
    cpu: cpuBudget({
      checkWallMs: checkWall,
      checkCpuMs: median(rows.map((r) => r.check.cpuMs)),
      serversDuringCheckMs: median(rows.map((r) => r.check.serversCpuMs)),
      ownClientCpuMs: median(rows.map((r) => r.floors.mailaudit.cpuMs)),
      mainThreadMs: mainThread.mainThreadMs,
      floorWallMs: floorWall,
      goalRatio: WALL_RATIO_GOAL,
    }),
    concurrency,
    throughput,
  };
}

/**
 * One more cold `check`, with bench/thread-cpu.js preloaded to read the main thread's CPU at exit:
 * the share of check's CPU that only one core can do. Kept out of the timed rounds.
 */
async function mainThreadCpu(servers, checkArgs, dir) {
  const file = join(dir, "thread-cpu.json");
  await coldRun(servers, process.execPath, ["--import", THREAD_CPU, ...checkArgs], {
    env: { MAILAUDIT_BENCH_THREAD_CPU: file },
    keepStdout: false,
  });
  return JSON.parse(readFileSync(file, "utf8"));
}

/**
 * Queries per second of each client transport against NSD directly (authoritative, loopback, no
 * cache in between), alternating transports; the median of the rounds.
 */
async function measureThroughput(nsd, domains, dir) {
  const namesFile = join(dir, "throughput-names.json");
  writeFileSync(namesFile, JSON.stringify(domains.flatMap((d) => [d, `_dmarc.${d}`, `s1._domainkey.${d}`])));
  const qps = Object.fromEntries(FLOOR_TRANSPORTS.map((t) => [t, []]));
  const coldQps = Object.fromEntries(FLOOR_TRANSPORTS.map((t) => [t, []]));
  for (let round = 0; round < THROUGHPUT_ROUNDS; round++) {
    for (const transport of FLOOR_TRANSPORTS) {
      const run = await runMeasured(process.execPath, [
        THROUGHPUT,
        `127.0.0.1:${nsd.port}`,
        transport,
        String(THROUGHPUT_QUERIES),
        String(THROUGHPUT_IN_FLIGHT),
        namesFile,
        String(THROUGHPUT_WARMUP),
      ]);
      const result = JSON.parse(run.stdout || "{}");
      qps[transport].push(result.failures ? 0 : result.qps);
      coldQps[transport].push(result.failures ? 0 : result.coldQps);
    }
  }
  return {
    queries: THROUGHPUT_QUERIES,
    warmup: THROUGHPUT_WARMUP,
    inFlight: THROUGHPUT_IN_FLIGHT,
    qps: Object.fromEntries(FLOOR_TRANSPORTS.map((t) => [t, median(qps[t])])),
    coldQps: Object.fromEntries(FLOOR_TRANSPORTS.map((t) => [t, median(coldQps[t])])),
    rounds: qps,
  };
}

function countTypes(questions) {
  const counts = {};
  for (const [, type] of questions) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}
