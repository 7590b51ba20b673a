/**
 * Runs one command as a child process and measures it from outside: wall time (monotonic clock,
 * spawn to exit), peak RSS (GNU time's %M, the child's ru_maxrss, in KiB) and CPU time (%U + %S:
 * on a shared machine the wall mostly measures the wait for a core).
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { isCleaningUp, makeTempDir, onCleanupFirst } from "./cleanup.js";

const GNU_TIME = "/usr/bin/time";
let counter = 0;
let timeDir;
const running = new Set();
onCleanupFirst(() => {
  for (const kill of running) kill();
});

/**
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: Record<string,string>, keepStdout?: boolean, timeoutMs?: number }} [options]
 * @returns {Promise<{ wallMs: number, maxRssKb: number | null, cpuMs: number | null, exitCode: number | null, timedOut: boolean, stdout: string, stderr: string }>}
 */
export function runMeasured(command, args, options = {}) {
  const haveTime = existsSync(GNU_TIME);
  if (isCleaningUp()) return Promise.reject(new Error("bench is stopping"));
  timeDir ??= makeTempDir("time");
  const timeFile = join(timeDir, `run-${counter++}`);
  const [file, argv] = haveTime
    ? [GNU_TIME, ["-f", "%U %S %M", "-o", timeFile, command, ...args]]
    : [command, args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // Its own process group, so a timeout or Ctrl-C ends GNU time and the command under it together.
    const child = spawn(file, argv, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    const killGroup = () => {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    };
    running.add(killGroup);
    let timedOut = false;
    const timer = options.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          killGroup();
        }, options.timeoutMs)
      : undefined;
    const out = [];
    let err = "";
    child.stdout.on("data", (chunk) => {
      if (options.keepStdout !== false) out.push(chunk);
    });
    child.stderr.on("data", (chunk) => {
      // Keep the tail only: some peers warn once per record.
      err = (err + chunk).slice(-20000);
    });
    child.on("error", reject);
    child.on("close", (exitCode) => {
      const wallMs = performance.now() - started;
      clearTimeout(timer);
      running.delete(killGroup);
      let maxRssKb = null;
      let cpuMs = null;
      if (haveTime && existsSync(timeFile)) {
        const lines = readFileSync(timeFile, "utf8").trim().split("\n");
        const [user, system, rss] = (lines.at(-1) ?? "").split(" ").map(Number);
        maxRssKb = rss || null;
        cpuMs = Number.isFinite(user + system) ? (user + system) * 1000 : null;
        rmSync(timeFile, { force: true });
      }
      // GNU time reports the child's status as its own, so exitCode is the measured command's.
      resolve({
        wallMs,
        maxRssKb,
        cpuMs,
        exitCode,
        timedOut,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: err,
      });
    });
  });
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
