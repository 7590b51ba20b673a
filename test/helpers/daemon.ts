/**
 * Process plumbing shared by the real DNS servers the end-to-end suite runs (NSD, Unbound): find the
 * program, run it in the foreground with its output kept for error messages, wait until it answers
 * DNS on its port, and stop it for sure (SIGTERM, then SIGKILL).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { Resolver } from "node:dns/promises";
import { accessSync, constants } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { freePort } from "./ports.js";

/** Daemons live in sbin, which a non-root PATH often lacks. */
const EXTRA_DIRS = ["/usr/sbin", "/usr/local/sbin", "/sbin"];

export function findExecutable(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? "").split(delimiter).filter(Boolean), ...EXTRA_DIRS];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}

export interface Daemon {
  readonly label: string;
  readonly child: ChildProcess;
  /** Everything it printed so far (both streams), for error messages. */
  output(): string;
  /** Set once the process has exited. */
  exited(): boolean;
  stop(): Promise<void>;
}

export function spawnDaemon(label: string, program: string, args: string[]): Daemon {
  const child = spawn(program, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  let exited = false;
  const keep = (chunk: Buffer) => {
    // Bounded: a chatty daemon must not grow the test's memory without end.
    output = (output + chunk.toString("utf8")).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  // If the test process ends without calling stop() (a crash, a killed worker), take the daemon along.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const exit = new Promise<void>((resolve) => {
    child.once("exit", () => {
      exited = true;
      process.off("exit", killOnExit);
      resolve();
    });
    child.once("error", (error) => {
      output += `\n${label}: ${error.message}`;
      exited = true;
      resolve();
    });
  });
  return {
    label,
    child,
    output: () => output,
    exited: () => exited,
    async stop() {
      if (exited) return;
      child.kill("SIGTERM");
      const killTimer = setTimeout(() => child.kill("SIGKILL"), 3000);
      await exit;
      clearTimeout(killTimer);
    },
  };
}

/**
 * Resolves once the daemon answers `probeName` (any DNS answer, even NXDOMAIN, proves it listens),
 * rejects with the daemon's own output if it exits first or stays silent for `withinMs`.
 */
export async function waitUntilAnswering(
  daemon: Daemon,
  port: number,
  probeName: string,
  withinMs = 10_000,
): Promise<void> {
  const resolver = new Resolver({ timeout: 200, tries: 1 });
  resolver.setServers([`127.0.0.1:${port}`]);
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (daemon.exited()) throw new Error(`${daemon.label} exited during startup:\n${daemon.output()}`);
    try {
      await resolver.resolveSoa(probeName);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A negative answer is still an answer; only silence and refusal mean "not up yet".
      if (code === "ENOTFOUND" || code === "ENODATA" || code === "ESERVFAIL") return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `${daemon.label} did not answer on 127.0.0.1:${port} within ${withinMs} ms:\n${daemon.output()}`,
  );
}

/**
 * Starts a daemon on a free port, trying another port when one was taken between the probe and the
 * bind (the daemon then exits at startup).
 */
export async function startOnFreePort<T>(start: (port: number) => Promise<T>, attempts = 5): Promise<T> {
  let lastError: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      return await start(await freePort());
    } catch (error) {
      lastError = error;
      if (!/address already in use|can't bind|could not bind|bind/i.test(String(error))) throw error;
    }
  }
  throw lastError;
}

export interface RunningDaemon {
  /** "127.0.0.1:<port>", ready for `--resolver`. */
  address: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Runs `program -d -c <config>` (NSD and Unbound both take this form; -d keeps it in the foreground,
 * so the child is the server and SIGTERM reaches it) on a free port, with its config written into a
 * temp folder of its own, and waits until it answers `probeName`. Everything is removed on failure
 * and on `close()`.
 */
export async function startConfiguredDaemon(options: {
  label: string;
  program: string;
  config: (dir: string, port: number) => string;
  probeName: string;
}): Promise<RunningDaemon> {
  return startOnFreePort(async (port) => {
    const dir = await mkdtemp(join(tmpdir(), `mailaudit-${options.label}-`));
    let daemon: Daemon | undefined;
    try {
      const config = join(dir, `${options.label}.conf`);
      await writeFile(config, options.config(dir, port));
      daemon = spawnDaemon(options.label, options.program, ["-d", "-c", config]);
      await waitUntilAnswering(daemon, port, options.probeName);
    } catch (error) {
      await daemon?.stop();
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    const running = daemon;
    return {
      address: `127.0.0.1:${port}`,
      port,
      async close() {
        await running.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  });
}
