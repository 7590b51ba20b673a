import { spawn } from "node:child_process";
import { join } from "node:path";

export interface CliResult {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  /** Wall time of the run in milliseconds (for "ends within" assertions with generous bounds). */
  elapsedMs: number;
}

const BIN = join(import.meta.dirname, "..", "..", "bin", "mailaudit.js");

/**
 * Runs the built CLI (`npm run build` first; `npm test` does it) as a user would: a separate process,
 * stdout not a TTY, NO_COLOR unset unless given.
 */
export function runCli(
  args: string[],
  options: { env?: Record<string, string>; input?: string; cwd?: string } = {},
): Promise<CliResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd,
      env: cliEnv(options.env),
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (exitCode) => resolve({ stdout, stderr, exitCode, elapsedMs: Date.now() - started }));
    child.stdin.end(options.input ?? "");
  });
}

function cliEnv(extra: Record<string, string> | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  // The parent's colour settings must not leak into what the test asserts.
  if (!extra || !("FORCE_COLOR" in extra)) delete env.FORCE_COLOR;
  if (!extra || !("NO_COLOR" in extra)) delete env.NO_COLOR;
  return env;
}
