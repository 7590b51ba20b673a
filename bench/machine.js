/** What machine and which versions the numbers were measured on, for BENCHMARKS.md. */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";

/** First line a program prints about itself (nsd -v writes to stderr). */
function firstLine(command, args) {
  const run = spawnSync(command, args, { encoding: "utf8" });
  if (run.error) return "not installed";
  return `${run.stdout ?? ""}${run.stderr ?? ""}`.split("\n")[0].trim();
}

/** The commit measured, and whether the working tree differed from it (then the numbers are of neither). */
function measuredCommit() {
  const head = spawnSync("git", ["rev-parse", "--short=12", "HEAD"], { encoding: "utf8" });
  if (head.status !== 0) return "unknown (not a git checkout)";
  // BENCHMARKS.md itself is what a bench run rewrites: its own changes do not change the code measured.
  const dirty = spawnSync(
    "git",
    ["status", "--porcelain", "--untracked-files=no", "--", ".", ":!BENCHMARKS.md"],
    {
      encoding: "utf8",
    },
  );
  return `${head.stdout.trim()}${dirty.stdout.trim() ? " with uncommitted changes" : ""}`;
}

export function describeMachine() {
  const os = /PRETTY_NAME="([^"]+)"/.exec(readFileSync("/etc/os-release", "utf8"))?.[1] ?? "Linux";
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    commit: measuredCommit(),
    cpu: `${cpus()[0]?.model ?? "?"} × ${cpus().length}`,
    memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
    os,
    node: process.version,
    nsd: firstLine("/usr/sbin/nsd", ["-v"]),
    unbound: firstLine("/usr/sbin/unbound", ["-V"]),
  };
}
