// `reports ingest` reads mailboxes and folders of any size with bounded memory, but V8 lets its young
// generation grow to its default maximum under the ingest's allocation rate (TLS records, message
// sources, inflated attachments): the live heap stays under ~75 MB while the process reserves ~150 MB
// more. V8 reads the young generation's limit only at start-up (`v8.setFlagsFromString` later has no
// effect), and a flag in the shebang is not portable (BusyBox `env` has no `-S`), so the ingest runs in
// a child Node started with the limit. Measured (`node bench/imap-memory.js --mails 3000 --rounds 2`,
// medians): peak RSS 221 → 171 MB for about 7 % more CPU; a limit of 1 MB gave 159 MB for 18 % more.
import { spawn } from "node:child_process";

const SEMI_SPACE_FLAG = "--max-semi-space-size";
const SEMI_SPACE_MB = 4;
/** Set in the child, so it never starts another. */
const RESPAWNED = "MAILAUDIT_RESPAWNED";
const FORWARDED_SIGNALS = ["SIGTERM", "SIGINT", "SIGHUP"];

/** Whether this run is an ingest still without a young-generation limit of its own or the user's. */
export function wantsSmallYoungGeneration(args = process.argv.slice(2)) {
  if (args[0] !== "reports" || args[1] !== "ingest") return false;
  if (process.env[RESPAWNED] === "1") return false;
  const userFlags = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)];
  return !userFlags.some((flag) => flag.startsWith(SEMI_SPACE_FLAG));
}

/**
 * In the re-run child: end at once when the parent is gone (killed with SIGKILL, which it cannot
 * forward), so `kill -9` of the command a user started stops the ingest as it would without the
 * re-run. The channel does not keep the child alive.
 */
export function dieWithParent() {
  if (process.env[RESPAWNED] !== "1" || !process.channel) return;
  process.channel.unref();
  process.on("disconnect", () => process.kill(process.pid, "SIGKILL"));
}

/**
 * Runs this same command line in a child Node with a small young generation. The child shares stdin,
 * stdout and stderr (a TTY stays a TTY); the signals a user or `--watch`'s supervisor sends reach it,
 * and this process ends as the child did: its exit code, or the same signal.
 */
export function runWithSmallYoungGeneration() {
  const child = spawn(
    process.execPath,
    [...process.execArgv, `${SEMI_SPACE_FLAG}=${SEMI_SPACE_MB}`, ...process.argv.slice(1)],
    // The IPC channel is only a lifeline: the child sees it close when this process dies.
    { stdio: ["inherit", "inherit", "inherit", "ipc"], env: { ...process.env, [RESPAWNED]: "1" } },
  );
  const forward = (signal) => child.kill(signal);
  for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
  child.on("error", (error) => {
    process.stderr.write(`mailaudit: could not start the ingest process (${error.message})\n`);
    process.exitCode = 3;
  });
  child.on("exit", (code, signal) => {
    for (const name of FORWARDED_SIGNALS) process.off(name, forward);
    if (signal) process.kill(process.pid, signal);
    else process.exitCode = code ?? 3;
  });
}
