#!/usr/bin/env node
/**
 * Why `-f html` draws its own SVG (README, Dependency notes): the bench page's 100 charts (50 domains ×
 * a pass-rate line and stacked bars by kind of sender, 90 days each) drawn by our renderer (dist/) and
 * by the two libraries that render SVG without a browser, each installed in a folder of its own so
 * that their install footprint can be measured and nothing is added to this project:
 *
 *   mkdir -p /tmp/charts/echarts /tmp/charts/vega
 *   (cd /tmp/charts/echarts && npm init -y && npm install echarts@6.1.0)
 *   (cd /tmp/charts/vega && npm init -y && npm install vega@6.4.0 vega-lite@6.5.0)
 *   node bench/chart-renderers.js --echarts /tmp/charts/echarts --vega /tmp/charts/vega
 *
 * Prints, per renderer: packages and MB installed, time to load it, CPU and wall time to draw the
 * 100 charts (after one warm-up chart), and the bytes of SVG they make.
 */
import { readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const DIST = join(import.meta.dirname, "..", "dist", "src");
const CLASSES = ["aligned", "forwarded", "authorized-unaligned", "unauthorized"];
const DOMAINS = 50;
const DAYS = 90;

function series(seed) {
  let s = seed;
  const next = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  return Array.from({ length: DAYS }, (_, i) => {
    const date = new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10);
    const values = [1000 + next() * 500, next() * 50, next() * 80, next() * 30].map(Math.round);
    const messages = values.reduce((a, b) => a + b, 0);
    return { date, values, messages, pass: values[0] };
  });
}

function footprint(dir) {
  let bytes = 0;
  let packages = 0;
  const walk = (path) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        bytes += statSync(full).size;
        if (entry.name === "package.json" && /node_modules\/(@[^/]+\/)?[^/@]+$/.test(path)) packages++;
      }
    }
  };
  walk(join(dir, "node_modules"));
  return { packages, megabytes: bytes / 1024 / 1024 };
}

async function measure(name, load, draw, dir) {
  const loadStarted = performance.now();
  const renderer = await load();
  const loadMs = performance.now() - loadStarted;
  await draw(renderer, series(0)); // warm-up
  const started = performance.now();
  const cpu = process.cpuUsage();
  let bytes = 0;
  for (let d = 1; d <= DOMAINS; d++) bytes += (await draw(renderer, series(d))).length;
  const used = process.cpuUsage(cpu);
  return {
    name,
    ...(dir ? footprint(dir) : { packages: 0, megabytes: 0 }),
    loadMs,
    cpuMs: (used.user + used.system) / 1000,
    wallMs: performance.now() - started,
    bytes,
  };
}

const ours = () =>
  measure(
    "mailaudit (own SVG)",
    async () => ({
      rate: (await import(pathToFileURL(join(DIST, "html", "charts", "pass-rate-chart.js")).href))
        .passRateChart,
      bars: (await import(pathToFileURL(join(DIST, "html", "charts", "stacked-bars-chart.js")).href))
        .stackedBarsChart,
    }),
    ({ rate, bars }, days) =>
      rate(days, "rate").toString() +
      bars(
        CLASSES.map((key) => ({ key, label: key })),
        days,
        "volume",
      ).toString(),
  );

const echarts = (dir) =>
  measure(
    "Apache ECharts 6 (SSR SVG)",
    async () => createRequire(join(dir, "package.json"))("echarts"),
    (lib, days) => {
      const svg = (option) => {
        const chart = lib.init(null, null, { renderer: "svg", ssr: true, width: 720, height: 230 });
        chart.setOption({ animation: false, ...option });
        const text = chart.renderToSVGString();
        chart.dispose();
        return text;
      };
      const x = { type: "category", data: days.map((d) => d.date) };
      return (
        svg({
          xAxis: x,
          yAxis: { type: "value", min: 0, max: 100 },
          series: [{ type: "line", data: days.map((d) => Math.round((d.pass / d.messages) * 1000) / 10) }],
        }) +
        svg({
          legend: {},
          xAxis: x,
          yAxis: { type: "value" },
          series: CLASSES.map((name, k) => ({
            name,
            type: "bar",
            stack: "all",
            data: days.map((d) => d.values[k]),
          })),
        })
      );
    },
    dir,
  );

const vega = (dir) =>
  measure(
    "Vega-Lite 6 → Vega 6 toSVG",
    async () => {
      const require = createRequire(join(dir, "package.json"));
      return {
        vega: await import(pathToFileURL(require.resolve("vega")).href),
        vl: await import(pathToFileURL(require.resolve("vega-lite")).href),
      };
    },
    async ({ vega: v, vl }, days) => {
      const svg = async (spec) => {
        const view = new v.View(v.parse(vl.compile(spec).spec), { renderer: "none" });
        const text = await view.toSVG();
        view.finalize();
        return text;
      };
      const rows = days.map((d) => ({ date: d.date, rate: Math.round((d.pass / d.messages) * 1000) / 10 }));
      const long = days.flatMap((d) => CLASSES.map((c, k) => ({ date: d.date, kind: c, n: d.values[k] })));
      return (
        (await svg({
          width: 720,
          height: 230,
          data: { values: rows },
          mark: { type: "line", point: true },
          encoding: { x: { field: "date", type: "ordinal" }, y: { field: "rate", type: "quantitative" } },
        })) +
        (await svg({
          width: 720,
          height: 230,
          data: { values: long },
          mark: "bar",
          encoding: {
            x: { field: "date", type: "ordinal" },
            y: { field: "n", type: "quantitative", aggregate: "sum" },
            color: { field: "kind" },
          },
        }))
      );
    },
    dir,
  );

const args = process.argv.slice(2);
const option = (flag) => {
  const at = args.indexOf(flag);
  return at >= 0 ? args[at + 1] : undefined;
};
const results = [await ours()];
if (option("--echarts")) results.push(await echarts(option("--echarts")));
if (option("--vega")) results.push(await vega(option("--vega")));
const f = (n) => n.toFixed(0).padStart(7);
process.stdout.write(`${DOMAINS * 2} charts of ${DAYS} days\n`);
process.stdout.write(
  "renderer                       packages      MB   load ms    CPU ms   wall ms   SVG bytes\n",
);
for (const r of results)
  process.stdout.write(
    `${r.name.padEnd(30)} ${String(r.packages).padStart(8)} ${r.megabytes.toFixed(1).padStart(7)} ${f(r.loadMs)}   ${f(r.cpuMs)}   ${f(r.wallMs)}   ${String(r.bytes).padStart(9)}\n`,
  );
