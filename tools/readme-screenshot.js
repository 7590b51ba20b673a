#!/usr/bin/env node
/**
 * Makes docs/report-example.png, the picture in the README, from the real page: the sample reports
 * (fixtures/sample-reports) ingested into a temp store by the built CLI, `reports summary -f html`
 * for example.com, opened in Debian's Chromium as the tests open pages, and the top of it captured.
 * Run after `npm run build`: `node tools/readme-screenshot.js`.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "../test/helpers/chromium-flags.ts";

const ROOT = join(import.meta.dirname, "..");
const OUT = join(ROOT, "docs", "report-example.png");
const WIDTH = 1000;
const HEIGHT = 1180;

const dir = mkdtempSync(join(tmpdir(), "mailaudit-screenshot-"));
try {
  const cli = (...args) =>
    execFileSync(process.execPath, [join(ROOT, "bin", "mailaudit.js"), ...args], { encoding: "utf8" });
  const db = join(dir, "sample.db");
  cli("reports", "ingest", join(ROOT, "fixtures", "sample-reports", "reports"), "--db", db);
  const page = join(dir, "report.html");
  writeFileSync(
    page,
    cli("reports", "summary", "--db", db, "--domain", "example.com", "--no-dns", "-f", "html"),
  );
  const profile = join(dir, "profile");
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: WIDTH, height: HEIGHT },
    colorScheme: "light",
  });
  try {
    const tab = await context.newPage();
    await tab.goto(pathToFileURL(page).href, { waitUntil: "load" });
    await tab.screenshot({ path: OUT, clip: { x: 0, y: 0, width: WIDTH, height: HEIGHT } });
  } finally {
    await context.close();
  }
  process.stdout.write(`wrote ${OUT} (${Math.round(statSync(OUT).size / 1024)} KB)\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
