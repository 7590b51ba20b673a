/**
 * `reports ingest` runs in a child Node whose young generation is limited (bin/young-generation.js):
 * without it V8 reserves ~150 MB of young heap under the ingest's allocation rate. What the tests pin:
 * only the ingest is re-run, it is re-run once with the flag, a user's own flag wins, and the parent
 * is invisible to the caller (same stdin, the child's exit code, a forwarded SIGTERM).
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
// @ts-expect-error: a plain-JS module of the bin (it must load on old Nodes, so it is not TypeScript)
import { wantsSmallYoungGeneration } from "../../bin/young-generation.js";
import { REPO_DIR } from "../helpers/doc-figures.js";

const BIN = join(REPO_DIR, "bin", "mailaudit.js");
const dirs: string[] = [];
const children: ChildProcess[] = [];
const fds: number[] = [];
afterEach(() => {
  for (const fd of fds.splice(0)) closeSync(fd);
  for (const child of children.splice(0)) child.kill("SIGKILL");
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "mailaudit-young-"));
  dirs.push(dir);
  return dir;
}

/** The child processes of `pid`, each with its command line. */
function childrenOf(pid: number): { pid: number; args: string[] }[] {
  const listed = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
  if (listed === "") return [];
  return listed.split(" ").map((child) => ({
    pid: Number(child),
    args: readFileSync(`/proc/${child}/cmdline`, "utf8").split("\0").filter(Boolean),
  }));
}

/**
 * The first child of `pid` once it runs its own program: between fork and exec a child still shows
 * its parent's command line, and while exec swaps it in, an empty one (a fresh-clone run read that
 * and failed).
 */
function execedChildOf(pid: number): { pid: number; args: string[] } | undefined {
  const parentArgs = readFileSync(`/proc/${pid}/cmdline`, "utf8");
  return childrenOf(pid).find(
    (child) => child.args.length > 0 && child.args.join("\0") !== parentArgs.replace(/\0$/, ""),
  );
}

/** Whether a process runs (a zombie, dead but not yet reaped, counts as ended). */
function isAlive(pid: number): boolean {
  try {
    return !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

async function waitFor<T>(probe: () => T | undefined, what: string): Promise<T> {
  const until = Date.now() + 20_000;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
}

describe("which runs get a child with a small young generation", () => {
  const env = process.env.MAILAUDIT_RESPAWNED;
  afterEach(() => {
    if (env === undefined) delete process.env.MAILAUDIT_RESPAWNED;
    else process.env.MAILAUDIT_RESPAWNED = env;
  });

  it("reports ingest does; other commands, and an ingest already re-run, do not", () => {
    delete process.env.MAILAUDIT_RESPAWNED;
    expect(wantsSmallYoungGeneration(["reports", "ingest", "a.xml"])).toBe(true);
    expect(wantsSmallYoungGeneration(["reports", "summary"])).toBe(false);
    expect(wantsSmallYoungGeneration(["check", "example.com"])).toBe(false);
    expect(wantsSmallYoungGeneration(["ingest"])).toBe(false);
    process.env.MAILAUDIT_RESPAWNED = "1";
    expect(wantsSmallYoungGeneration(["reports", "ingest", "a.xml"])).toBe(false);
  });
});

describe("reports ingest through bin/mailaudit.js", () => {
  it("reads stdin in a child started with --max-semi-space-size, and exits as the child does", async () => {
    const dir = tempDir();
    const run = spawn(process.execPath, [BIN, "reports", "ingest", "-", "--db", join(dir, "s.db")], {
      stdio: ["pipe", "pipe", "pipe"],
      env: { ...process.env, MAILAUDIT_RESPAWNED: "" },
    });
    children.push(run);
    let stderr = "";
    run.stderr?.on("data", (chunk) => {
      stderr += chunk;
    });
    const pid = run.pid ?? 0;
    const ingest = await waitFor(() => execedChildOf(pid), "the ingest child");
    expect(ingest.args).toContain("--max-semi-space-size=4");
    expect(ingest.args.slice(-5)).toEqual(["reports", "ingest", "-", "--db", join(dir, "s.db")]);
    // The child has the same stdin: what is written to the parent's pipe is the child's input.
    run.stdin?.end("this is not a report\n");
    const end = await exited(run);
    expect(stderr).toMatch(/not a DMARC report/);
    expect(end.code).toBe(3); // a refused input, as without the re-run
  });

  it("a SIGTERM to the parent reaches the ingest, and the parent ends the way it did", async () => {
    const dir = tempDir();
    const run = spawn(process.execPath, [BIN, "reports", "ingest", "-", "--db", join(dir, "s.db")], {
      stdio: ["pipe", "ignore", "ignore"],
      env: { ...process.env, MAILAUDIT_RESPAWNED: "" },
    });
    children.push(run);
    const pid = run.pid ?? 0;
    const ingest = await waitFor(() => execedChildOf(pid), "the ingest child");
    run.kill("SIGTERM");
    const end = await exited(run);
    run.stdin?.destroy();
    // Reading stdin, the ingest has no SIGTERM handler of its own: it dies of the signal, and so
    // does the parent, as a shell would see the ingest itself end.
    expect(end).toEqual({ code: null, signal: "SIGTERM" });
    await waitFor(() => (isAlive(ingest.pid) ? undefined : true), "the ingest child to end");
  });

  it("a SIGKILL of the parent (which it cannot forward) ends the ingest too", async () => {
    const dir = tempDir();
    // stdin a FIFO this test holds open (a pipe from spawn() would be closed when the parent dies,
    // ending the ingest by itself): without the lifeline the ingest would wait on it for ever.
    const fifo = join(dir, "stdin");
    execFileSync("mkfifo", [fifo]);
    const stdin = openSync(fifo, "r+");
    fds.push(stdin);
    const run = spawn(process.execPath, [BIN, "reports", "ingest", "-", "--db", join(dir, "s.db")], {
      stdio: [stdin, "ignore", "ignore"],
      env: { ...process.env, MAILAUDIT_RESPAWNED: "" },
    });
    children.push(run);
    const ingest = await waitFor(() => execedChildOf(run.pid ?? 0), "the ingest child");
    run.kill("SIGKILL");
    await exited(run);
    await waitFor(() => (isAlive(ingest.pid) ? undefined : true), "the orphaned ingest to end");
  });

  it("a user's own --max-semi-space-size is kept: no second process", async () => {
    const dir = tempDir();
    const run = spawn(
      process.execPath,
      ["--max-semi-space-size=8", BIN, "reports", "ingest", "-", "--db", join(dir, "s.db")],
      { stdio: ["pipe", "ignore", "ignore"], env: { ...process.env, MAILAUDIT_RESPAWNED: "" } },
    );
    children.push(run);
    const ended = exited(run);
    let finished = false;
    void ended.then(() => {
      finished = true;
    });
    // Watch the process for its whole life: a re-run, had there been one, starts long before the
    // ingest could end (it waits for stdin, which ends only after a while).
    setTimeout(() => run.stdin?.end(""), 2000);
    const seen: number[] = [];
    while (!finished) {
      try {
        seen.push(...childrenOf(run.pid ?? 0).map((child) => child.pid));
      } catch {
        // /proc entry gone: the process just ended
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(seen).toEqual([]);
  });
});
