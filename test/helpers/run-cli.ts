import { spawn, spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
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
  options: {
    env?: Record<string, string>;
    input?: string;
    cwd?: string;
    /** Run as this user (we must be root): setpriv, as the PostgreSQL helper runs its server. */
    user?: { uid: number; gid: number };
  } = {},
): Promise<CliResult> {
  const started = Date.now();
  const { uid, gid } = options.user ?? {};
  const [program, argv] = options.user
    ? [
        "setpriv",
        [`--reuid=${uid}`, `--regid=${gid}`, "--clear-groups", "--", process.execPath, BIN, ...args],
      ]
    : [process.execPath, [BIN, ...args]];
  return new Promise((resolve, reject) => {
    const child = spawn(program, argv, {
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

/**
 * Where the CLI's per-user data (the default report store) lives in tests: a folder of this test
 * process that nothing creates, so no test reads or writes the report store of whoever runs them.
 */
const TEST_DATA_HOME = join(tmpdir(), `mailaudit-test-data-${process.pid}`);

function cliEnv(extra: Record<string, string> | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_DATA_HOME: TEST_DATA_HOME, ...extra };
  // The parent's colour settings must not leak into what the test asserts.
  if (!extra || !("FORCE_COLOR" in extra)) delete env.FORCE_COLOR;
  if (!extra || !("NO_COLOR" in extra)) delete env.NO_COLOR;
  return env;
}

/**
 * Runs the built CLI with a pseudo-terminal on its stdin, stdout and stderr (util-linux `script`), as
 * a user at a shell sees it, and returns what the terminal showed. Asynchronous on purpose: DNS
 * fixture servers living in the test process must keep answering.
 */
export function runInTerminal(args: string[], options: { columns?: number } = {}): Promise<string> {
  const quoted = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
  // The pseudo-terminal's size, as a terminal window of that many columns would report it.
  const command = options.columns === undefined ? quoted : `stty cols ${options.columns} rows 50; ${quoted}`;
  return new Promise((resolve, reject) => {
    const child = spawn("script", ["-qec", command, "/dev/null"], {
      env: { ...process.env, XDG_DATA_HOME: TEST_DATA_HOME, NO_COLOR: "1" },
    });
    let screen = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      screen += chunk;
    });
    child.on("error", reject);
    child.on("close", () => resolve(screen));
  });
}

/** Whether `script` (util-linux) is there to give the CLI a terminal. */
export function canRunInTerminal(): boolean {
  return spawnSync("script", ["--version"]).status === 0;
}
