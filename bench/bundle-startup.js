/**
 * `node bench/bundle-startup.js [rounds]`: what the bundle (dist/bundle/, scripts/bundle-cli.ts) saves
 * at start-up. Each command the tests spawn most runs as a fresh process through the bundle (the real
 * bin/mailaudit.js) and through tsc's unbundled dist/src/ (the same start-up: compile cache on, then
 * the CLI's main module), alternating in shuffled order within each round so both see the same load;
 * `node -e 0` runs beside them. Prints the median CPU (user + sys, GNU time: 10 ms steps) and wall
 * of each. Needs `npm run build` first.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { cleanupAll, cleanupOnSignals, makeTempDir } from "./cleanup.js";
import { median, runMeasured } from "./measure.js";

const ROOT = join(import.meta.dirname, "..");
const ZONE = join(ROOT, "fixtures", "zones", "basic.example.zone");
const REPORT = join(
  ROOT,
  "fixtures/sample-reports/reports/Enterprise_Outlook!example.com!1790841600!1790927999.xml.gz",
);
const rounds = Number(process.argv[2] ?? 15);

cleanupOnSignals();
const work = makeTempDir("bundle-startup");
// bin/mailaudit.js as it was before the bundle: compile cache, then dist/src/cli/main.js.
const unbundled = join(work, "unbundled.js");
writeFileSync(
  unbundled,
  `import("node:module").then((m) => { m.enableCompileCache(); return import(${JSON.stringify(
    pathToFileURL(join(ROOT, "dist", "src", "cli", "main.js")).href,
  )}); });\n`,
);
const entries = { bundle: join(ROOT, "bin", "mailaudit.js"), "dist/src": unbundled };

let stores = 0;
const commands = {
  check: () => ["check", "--offline", "--zone", ZONE, "basic.example", "-f", "json"],
  spf: () => ["spf", "basic.example", "--zone", ZONE, "--ip", "192.0.2.1", "-f", "json"],
  "reports summary": () => ["reports", "summary", "--no-dns", "--db", join(work, "empty.db")],
  // A new store each run, as the tests use: an ingest into a store that has the report stores nothing.
  "reports ingest": () => [
    "reports",
    "ingest",
    "--no-progress",
    "--db",
    join(work, `${stores++}.db`),
    REPORT,
  ],
  "--version": () => ["--version"],
};

const jobs = [{ name: "node -e 0", args: () => ["-e", "0"] }];
for (const [command, args] of Object.entries(commands))
  for (const [entry, file] of Object.entries(entries))
    jobs.push({ name: `${command} (${entry})`, args: () => [file, ...args()] });

const samples = new Map(jobs.map((job) => [job.name, { cpu: [], wall: [] }]));
for (const job of jobs) await runMeasured(process.execPath, job.args()); // warm-up and compile cache
for (let round = 0; round < rounds; round++) {
  const order = [...jobs].sort(() => Math.random() - 0.5);
  for (const job of order) {
    const run = await runMeasured(process.execPath, job.args(), { keepStdout: false });
    if (run.exitCode !== 0) throw new Error(`${job.name}: exit ${run.exitCode}: ${run.stderr}`);
    samples.get(job.name)?.cpu.push(run.cpuMs ?? Number.NaN);
    samples.get(job.name)?.wall.push(run.wallMs);
  }
}
for (const [name, { cpu, wall }] of samples)
  process.stdout.write(
    `${name.padEnd(28)} CPU ${String(Math.round(median(cpu))).padStart(4)} ms  wall ${String(Math.round(median(wall))).padStart(4)} ms\n`,
  );
await cleanupAll();
