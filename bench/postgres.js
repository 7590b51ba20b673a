/**
 * A throwaway PostgreSQL for dmarcts-report-parser (it stores only in MySQL or PostgreSQL): Debian's
 * server binaries, a data dir in a temp dir, listening on 127.0.0.1 at a free port and a socket in
 * that dir, trust auth. PostgreSQL refuses to run as root, so it runs as the `postgres` user.
 */
import { execFile } from "node:child_process";
import { chownSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { makeTempDir, onCleanup } from "./cleanup.js";
import { freePort } from "./servers.js";

const run = promisify(execFile);

function serverBin() {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const version = readdirSync(root).sort((a, b) => Number(b) - Number(a))[0];
  return version ? join(root, version, "bin") : null;
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
  await asPostgres("createdb", ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "dmarc"]);
  return {
    port,
    /** Row count of a table, to confirm the peer stored what it read. */
    async count(table) {
      const out = await asPostgres("psql", [
        "-h",
        "127.0.0.1",
        "-p",
        String(port),
        "-U",
        "postgres",
        "-d",
        "dmarc",
        "-tAc",
        `SELECT count(*) FROM ${table}`,
      ]);
      return Number(out.stdout.trim());
    },
  };
}
