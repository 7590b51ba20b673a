/**
 * Headless Chromium from Debian (`/usr/bin/chromium`), driven by playwright-core, which downloads no
 * browser of its own. One browser per test file (`startChromium` in beforeAll, `close` in afterAll);
 * each page is opened from a file:// URL, as a page saved from a cron job or opened from a mail
 * attachment is, and everything it does is recorded: every request it makes (any besides the page
 * itself is aborted and listed), console errors, uncaught errors and dialogs (dismissed).
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "./chromium-flags.js";
import { toolAvailable } from "./optional-tool.js";

export function chromiumAvailable(): boolean {
  return toolAvailable(
    existsSync(CHROMIUM),
    `browser tests need Chromium at ${CHROMIUM}: apt-get install chromium`,
  );
}

export interface OpenedPage {
  page: Page;
  /** Every request for something other than the page itself that got past the page's own policy (each was aborted here). */
  foreignRequests: string[];
  /** Requests the page's Content-Security-Policy refused before they were made. */
  refusedByPolicy: string[];
  consoleErrors: string[];
  pageErrors: string[];
  dialogs: string[];
  /** Milliseconds from navigation start to the load event. */
  loadMs: number;
}

export interface Chromium {
  open(file: string, options?: { colorScheme?: "light" | "dark"; width?: number }): Promise<OpenedPage>;
  close(): Promise<void>;
}

export async function startChromium(): Promise<Chromium> {
  const profile = mkdtempSync(join(tmpdir(), "mailaudit-chromium-"));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1100, height: 900 },
    });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  return {
    async open(file, options = {}) {
      const url = pathToFileURL(file).href;
      const page = await context.newPage();
      if (options.colorScheme) await page.emulateMedia({ colorScheme: options.colorScheme });
      if (options.width) await page.setViewportSize({ width: options.width, height: 900 });
      const opened: OpenedPage = {
        page,
        foreignRequests: [],
        refusedByPolicy: [],
        consoleErrors: [],
        pageErrors: [],
        dialogs: [],
        loadMs: 0,
      };
      // A load the policy refuses is still announced as a request, then fails with "csp"; one the
      // policy lets through reaches this route, the last stop before the network.
      await page.route("**/*", (route) => {
        if (route.request().url() === url) return route.continue();
        opened.foreignRequests.push(route.request().url());
        return route.abort("blockedbyclient");
      });
      page.on("requestfailed", (request) => {
        if (request.failure()?.errorText === "csp") opened.refusedByPolicy.push(request.url());
      });
      page.on("console", (message) => {
        if (message.type() === "error") opened.consoleErrors.push(message.text());
      });
      page.on("pageerror", (error) => opened.pageErrors.push(error.message));
      page.on("dialog", (dialog) => {
        opened.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
        void dialog.dismiss();
      });
      const started = performance.now();
      await page.goto(url, { waitUntil: "load" });
      opened.loadMs = performance.now() - started;
      return opened;
    },
    async close() {
      try {
        await context.close();
      } finally {
        rmSync(profile, { recursive: true, force: true });
      }
    },
  };
}
