/**
 * `reports summary -f html` on a large store: 50 domains × 90 days × 200 sources (one report per
 * domain and day from one of three receivers, every source in every report: 900,000 records). The
 * store is written in process through the SQLite store's own writer (what ingest does after parsing,
 * without generating 600 MB of XML first). Measured: the CLI run (wall, CPU, peak RSS) and, in
 * process, its parts apart (inProcess); the page's size; the time Chromium
 * takes to open it (navigation to the load event). Goals: ≤ 2 MB, ≤ 2 s to write, ≤ 1 s to open.
 */
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { CHROMIUM, CHROMIUM_ARGS } from "../test/helpers/chromium-flags.ts";
import { median, runMeasured } from "./measure.js";

const ROOT = join(import.meta.dirname, "..");
const DIST = join(ROOT, "dist", "src");
const REPORTERS = ["google.com", "Enterprise Outlook", "Yahoo"];
const FIRST_DAY = Date.UTC(2026, 0, 1) / 1000;

const dist = async (path) => import(pathToFileURL(join(DIST, path)).href);

/** One report per domain and day; each source passes or fails by a fixed pattern (every tenth fails). */
async function writeStore(file, { domains, days, sources }) {
  const { SqliteStore } = await dist("store/sqlite-store.js");
  const store = new SqliteStore(file);
  try {
    for (let d = 0; d < domains; d++) {
      const domain = `domain${d}.example`;
      for (let day = 0; day < days; day++) {
        const begin = FIRST_DAY + day * 86_400;
        const tx = store.startReport(
          {
            schema: "rfc7489",
            version: "1.0",
            metadata: {
              orgName: REPORTERS[day % REPORTERS.length],
              email: "dmarc@receiver.example",
              reportId: `${d}-${day}`,
              begin,
              end: begin + 86_399,
              errors: [],
            },
            policy: { domain, p: d % 3 === 0 ? "reject" : "none", adkim: "r", aspf: "r" },
          },
          "bench",
        );
        let messages = 0;
        for (let s = 0; s < sources; s++) {
          const pass = s % 10 !== 9;
          const count = 1 + ((s * 7 + day * 3 + d) % 40);
          messages += count;
          const result = pass ? "pass" : "fail";
          tx.add({
            sourceIp: `198.51.${s >> 8}.${s & 255}`,
            count,
            disposition: "none",
            dkim: result,
            spf: result,
            reasons: [],
            headerFrom: domain,
            envelopeFrom: domain,
            envelopeTo: "",
            dkimResults: [{ domain, selector: `s${s % 3}`, result }],
            spfResults: [{ domain, scope: "mfrom", result }],
          });
        }
        await tx.commit({ records: sources, messages }, undefined);
      }
    }
  } finally {
    await store.close();
  }
}

/**
 * What the command does, in this process, each part timed on its own (wall and CPU): the summary
 * queries, the summary with every source classified (from the reports alone, as --no-dns), the
 * failing mail per source and day, and the page.
 */
async function inProcess(file) {
  const { SqliteStore } = await dist("store/sqlite-store.js");
  const { summarize } = await dist("reports/summary.js");
  const { buildSummary } = await dist("reports/build-summary.js");
  const { dailyVolumes } = await dist("reports/daily-volumes.js");
  const { formatSummaryHtml } = await dist("reports/summary-html.js");
  const store = new SqliteStore(file);
  try {
    const timed = async (work) => {
      const started = performance.now();
      const cpu = process.cpuUsage();
      const value = await work();
      const used = process.cpuUsage(cpu);
      return { value, wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
    };
    const queries = await timed(() => summarize(store, {}));
    const classified = await timed(() => buildSummary(store, {}, {}));
    const volumes = await timed(() => dailyVolumes(store, {}));
    const page = await timed(() => formatSummaryHtml(classified.value, { volumes: volumes.value }));
    return { queries, classified, volumes, page };
  } finally {
    await store.close();
  }
}

/** Opens the page `runs` times in a fresh Chromium and returns the load times (navigation → load). */
async function openInChromium(file, runs) {
  if (!existsSync(CHROMIUM)) return { skipped: `no Chromium at ${CHROMIUM}` };
  const { chromium } = await import("playwright-core");
  const profile = mkdtempSync(join(tmpdir(), "mailaudit-bench-chromium-"));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    try {
      const times = [];
      for (let i = 0; i <= runs; i++) {
        const page = await context.newPage();
        const started = performance.now();
        await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
        times.push(performance.now() - started);
        await page.close();
      }
      return { firstMs: times[0], medianMs: median(times.slice(1)) };
    } finally {
      await context.close();
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** @param {{ dir: string, domains?: number, days?: number, sources?: number, runs?: number }} options */
export async function benchHtml({ dir, domains = 50, days = 90, sources = 200, runs = 3 }) {
  const db = join(dir, "reports.db");
  const started = performance.now();
  await writeStore(db, { domains, days, sources });
  const storeMs = performance.now() - started;
  const cli = [];
  let pageFile = "";
  for (let i = 0; i < runs; i++) {
    const run = await runMeasured(process.execPath, [
      join(ROOT, "bin", "mailaudit.js"),
      "reports",
      "summary",
      "--db",
      db,
      "--no-dns",
      "-f",
      "html",
    ]);
    if (run.exitCode !== 0) throw new Error(`reports summary -f html exited ${run.exitCode}: ${run.stderr}`);
    pageFile = join(dir, "report.html");
    writeFileSync(pageFile, run.stdout);
    cli.push(run);
  }
  const parts = await inProcess(db);
  return {
    shape: { domains, days, sources, records: domains * days * sources },
    storeMs,
    storeBytes: statSync(db).size,
    cliWallMs: median(cli.map((r) => r.wallMs)),
    cliCpuMs: median(cli.map((r) => r.cpuMs ?? Number.NaN)),
    cliMaxRssKb: Math.max(...cli.map((r) => r.maxRssKb ?? 0)),
    parts: Object.fromEntries(
      Object.entries(parts).map(([name, part]) => [name, { wallMs: part.wallMs, cpuMs: part.cpuMs }]),
    ),
    pageBytes: statSync(pageFile).size,
    open: await openInChromium(pageFile, runs),
    loadAverage: loadavg()[0],
  };
}
