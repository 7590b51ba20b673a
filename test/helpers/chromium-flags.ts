/**
 * How the tests, the bench and the README screenshot start Debian's Chromium. This file imports
 * nothing, so the bench (plain JS) can load it through Node's type stripping.
 */
export const CHROMIUM = process.env.MAILAUDIT_CHROMIUM ?? "/usr/bin/chromium";

/**
 * Flags for a browser that must stay on this machine: without them Chromium reaches out to Google
 * at start (component updates, field trials, sync, QUIC probes), which the sandbox refuses. As root
 * (CI) it also needs --no-sandbox. The profile (--user-data-dir) is a fresh temp folder each time.
 */
export const CHROMIUM_ARGS = [
  "--headless",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  ...(process.getuid?.() === 0 ? ["--no-sandbox"] : []),
];
