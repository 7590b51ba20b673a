/**
 * A throwaway PostgreSQL shared by dmarcts-report-parser (it stores only in MySQL or PostgreSQL) and
 * mailaudit's PostgreSQL store rows: Debian's server binaries, a data dir in a temp dir, listening on
 * 127.0.0.1 at a free port and a socket in that dir, trust auth, fsync off. PostgreSQL refuses to
 * run as root, so it runs as the `postgres` user. One server per bench run (`sharedPostgres`).
 */
import { execFile } from "node:child_process";
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { makeTempDir, onCleanup } from "./cleanup.js";
import { treeCpuMs } from "./process-cpu.js";
import { freePort } from "./servers.js";

const run = promisify(execFile);

function serverBin() {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const version = readdirSync(root).sort((a, b) => Number(b) - Number(a))[0];
  return version ? join(root, version, "bin") : null;
}

let shared;
/** The bench's one server, started on first use. */
export function sharedPostgres() {
  shared ??= startPostgres();
  return shared;
}

export async function startPostgres() {
  const bin = serverBin();
  // Its own temp dir: the postgres user must be able to reach it, and the bench's others are 0700.
  const dir = makeTempDir("pg");
  if (!bin) throw new Error("PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin)");
  const data = join(dir, "pgdata");
  mkdirSync(data);
  const { stdout } = await run("id", ["-u", "postgres"]);
  const uid = Number(stdout);
  const gid = Number((await run("id", ["-g", "postgres"])).stdout);
  chownSync(dir, uid, gid);
  chownSync(data, uid, gid);
  const asPostgres = (file, args) => run("runuser", ["-u", "postgres", "--", join(bin, file), ...args]);
  await asPostgres("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  const port = await freePort();
  await asPostgres("pg_ctl", [
    "-D",
    data,
    "-w",
    "-l",
    join(dir, "postgres.log"),
    "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    "start",
  ]);
  onCleanup(() => asPostgres("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]));
  const createdb = (name) =>
    asPostgres("createdb", ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", name]);
  await createdb("dmarc");
  // The postmaster's pid: the first line of postmaster.pid.
  const postmaster = Number(readFileSync(join(data, "postmaster.pid"), "utf8").split("\n")[0]);
  return {
    port,
    /** CPU milliseconds the whole server (postmaster, backends live and exited) has used so far. */
    cpuMs: () => treeCpuMs(postmaster),
    /** A fresh database; its URL for `--db` (trust auth: no password). */
    async createDatabase(name) {
      await createdb(name);
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    /** Row count of a table, to confirm what was stored. */
    async count(table, database = "dmarc") {
      const out = await asPostgres("psql", [
        "-h",
        "127.0.0.1",
        "-p",
        String(port),
        "-U",
        "postgres",
        "-d",
        database,
        "-tAc",
        `SELECT count(*) FROM ${table}`,
      ]);
      return Number(out.stdout.trim());
    },
  };
}
