/** What machine and which versions the numbers were measured on, for BENCHMARKS.md. */
import { execFileSync } from "node:child_process";
import { cpus, totalmem } from "node:os";
import { readFileSync } from "node:fs";

function firstLine(command, args) {
  try {
    return execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).split("\n")[0].trim();
  } catch (error) {
    return (error.stderr ?? "").toString().split("\n")[0].trim() || "not installed";
  }
}

export function describeMachine() {
  const os = /PRETTY_NAME="([^"]+)"/.exec(readFileSync("/etc/os-release", "utf8"))?.[1] ?? "Linux";
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    cpu: `${cpus()[0]?.model ?? "?"} × ${cpus().length}`,
    memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
    os,
    node: process.version,
    nsd: firstLine("/usr/sbin/nsd", ["-v"]),
    unbound: firstLine("/usr/sbin/unbound", ["-V"]),
  };
}
