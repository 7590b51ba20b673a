/**
 * Start-up bench: the built CLI's `--version`, and a one-domain `check` against a warm resolver
 * (the answers already cached in Unbound), each run `runs` times as a fresh process; the median
 * is reported beside a bare `node -e 0`, which no Node CLI can beat.
 */
import { join } from "node:path";
import { median, runMeasured } from "./measure.js";

const CLI = join(import.meta.dirname, "..", "bin", "mailaudit.js");

async function repeat(args, runs) {
  await runMeasured(process.execPath, args); // warm-up, not counted
  const walls = [];
  let last;
  for (let i = 0; i < runs; i++) {
    last = await runMeasured(process.execPath, args);
    walls.push(last.wallMs);
  }
  return {
    medianMs: median(walls),
    minMs: Math.min(...walls),
    maxRssKb: last.maxRssKb,
    exitCode: last.exitCode,
  };
}

/** @param {{ resolver: string, domain: string, runs: number }} options */
export async function benchStartup({ resolver, domain, runs }) {
  return {
    node: await repeat(["-e", "0"], runs),
    version: await repeat([CLI, "--version"], runs),
    check: await repeat([CLI, "check", domain, "-r", resolver, "-f", "json", "-s", "s1", "-s", "s2"], runs),
  };
}
