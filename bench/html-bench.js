/**
 * `reports summary -f html` on a large store: 50 domains × 90 days × 200 sources (one report per
 * domain and day from one of three receivers, every source in every report: 900,000 records). The
 * store is written in process through the SQLite store's own writer (what ingest does after parsing,
 * without generating 600 MB of XML first).
 * A summary folds the reports that arrived since the last one into the store's sums
 * (src/store/summary-sums.ts), so the bench does what a daily cron job does: the first 87 days are
 * written and summarised once (that first summary folds all their records: measured and shown
 * apart), then each of the last 3 days' reports are written and the page generated after each — the
 * goal's figure is the median of those three. Measured: the CLI runs (wall, CPU, peak RSS) and, in
 * process, the parts apart (inProcess); the page's size; the time Chromium takes to open it
 * (navigation to the load event). Goals: ≤ 2 MB, ≤ 2 s to write, ≤ 1 s to open.
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

/**
 * One report per domain and day, for days [fromDay, toDay); each source passes or fails by a fixed
 * pattern (every tenth fails).
 */
async function writeStore(file, { domains, fromDay, toDay, sources }) {
  const { SqliteStore } = await dist("store/sqlite-store.js");
  const store = new SqliteStore(file);
  try {
    for (let d = 0; d < domains; d++) {
      const domain = `domain${d}.example`;
      for (let day = fromDay; day < toDay; day++) {
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

/** The CLI writing the page from `db` into `pageFile`, measured (wall, CPU, peak RSS). */
async function summaryPage(db, pageFile) {
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
  writeFileSync(pageFile, run.stdout);
  return run;
}

/** @param {{ dir: string, domains?: number, days?: number, sources?: number, runs?: number }} options */
export async function benchHtml({ dir, domains = 50, days = 90, sources = 200, runs = 3 }) {
  const db = join(dir, "reports.db");
  const pageFile = join(dir, "report.html");
  const firstDays = days - runs;
  const started = performance.now();
  await writeStore(db, { domains, fromDay: 0, toDay: firstDays, sources });
  const storeMs = performance.now() - started;
  // The first summary of a store folds every report in it into the sums.
  const first = await summaryPage(db, pageFile);
  const cli = [];
  for (let day = firstDays; day < days; day++) {
    await writeStore(db, { domains, fromDay: day, toDay: day + 1, sources });
    cli.push(await summaryPage(db, pageFile));
  }
  const parts = await inProcess(db);
  return {
    shape: { domains, days, sources, records: domains * days * sources },
    storeMs,
    storeBytes: statSync(db).size,
    firstSummary: {
      records: domains * firstDays * sources,
      wallMs: first.wallMs,
      cpuMs: first.cpuMs ?? Number.NaN,
      maxRssKb: first.maxRssKb ?? 0,
    },
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
