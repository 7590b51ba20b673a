/**
 * A throwaway PostgreSQL cluster for tests: Debian's server binaries, `initdb` in a temp folder, a
 * free loopback port, its Unix socket in that folder, password (SCRAM) authentication over TCP and
 * TLS with a CA made at start. PostgreSQL refuses to run as root, so under root (CI) the server runs
 * as an unprivileged user (`postgres` when the package created it, else `nobody`) through setpriv;
 * otherwise as ourselves. Everything is removed by `close()`.
 */
import { execFile, spawnSync } from "node:child_process";
import { once } from "node:events";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { type Daemon, spawnDaemon, startOnFreePort } from "./daemon.js";
import { toolAvailable } from "./optional-tool.js";

const run = promisify(execFile);
export const PG_USER = "mailaudit_test";
/** The test cluster's password: given to the CLI through PGPASSWORD or a pgpass file, never a URL. */
export const PG_PASSWORD = "test-password-not-secret";

/** Debian's server binaries (`postgresql` package), newest version first. */
export function postgresBin(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const version = readdirSync(root).sort((a, b) => Number(b) - Number(a))[0];
  const bin = version ? join(root, version, "bin") : undefined;
  return bin && existsSync(join(bin, "initdb")) ? bin : undefined;
}

/** Tests needing PostgreSQL skip (with a notice) when it is absent, except in CI where that is a failure. */
export function postgresAvailable(): boolean {
  return toolAvailable(
    postgresBin() !== undefined,
    "PostgreSQL server binaries are not installed (apt-get install postgresql): PostgreSQL store tests skipped",
  );
}

export interface PostgresCluster {
  port: number;
  /** The folder of the server's Unix socket. */
  socketDir: string;
  /** PEM of the CA that signed the server's certificate (for sslmode=verify-full). */
  caFile: string;
  /** The server's certificate: it names `localhost` only, not 127.0.0.1. */
  serverCertFile: string;
  /** Environment for a CLI run that must authenticate: PGPASSWORD. */
  env: Record<string, string>;
  /** `postgres://mailaudit_test@127.0.0.1:<port>/<db>` plus `?query` when given. */
  url(database: string, query?: string): string;
  /** A fresh, empty database; returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Runs SQL in `database` as the superuser and returns the rows. */
  query<T = Record<string, unknown>>(database: string, sql: string, params?: unknown[]): Promise<T[]>;
  /** Stops the server (fast shutdown: sessions are cut) and starts it again on the same port. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

interface ServerUser {
  uid: number;
  gid: number;
}

/** Who runs the server: ourselves, or when we are root an unprivileged account. */
function serverUser(): ServerUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ["postgres", "nobody"]) {
    const uid = spawnSync("id", ["-u", name], { encoding: "utf8" });
    const gid = spawnSync("id", ["-g", name], { encoding: "utf8" });
    if (uid.status === 0 && gid.status === 0) return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
  }
  throw new Error("running as root and neither a postgres nor a nobody account exists to run PostgreSQL");
}

/** argv that runs `program` as `user` (setpriv execs, so the child's pid is the server's). */
function asUser(user: ServerUser | undefined, program: string, args: string[]): [string, string[]] {
  if (!user) return [program, args];
  return [
    "setpriv",
    [`--reuid=${user.uid}`, `--regid=${user.gid}`, "--clear-groups", "--", program, ...args],
  ];
}

export async function startPostgres(): Promise<PostgresCluster> {
  const bin = postgresBin();
  if (!bin) throw new Error("PostgreSQL server binaries not found (apt-get install postgresql)");
  const user = serverUser();
  const dir = mkdtempSync(join(tmpdir(), "mailaudit-pg-"));
  const data = join(dir, "data");
  const own = (path: string) => user && chownSync(path, user.uid, user.gid);
  let daemon: Daemon | undefined;
  try {
    own(dir);
    const pwfile = join(dir, "pwfile");
    writeFileSync(pwfile, `${PG_PASSWORD}\n`, { mode: 0o600 });
    own(pwfile);
    const [initdb, initArgs] = asUser(user, join(bin, "initdb"), [
      ...["-D", data, "-U", PG_USER, `--pwfile=${pwfile}`],
      ...["--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-sync", "--no-instructions"],
    ]);
    await run(initdb, initArgs);
    await makeTls(dir, own);
    const start = async (port: number) => {
      const [program, args] = asUser(user, join(bin, "postgres"), [
        ...["-D", data, "-p", String(port), "-k", dir, "-c", "listen_addresses=127.0.0.1"],
        // A throwaway cluster: durability is not under test, speed is welcome.
        ...["-c", "fsync=off", "-c", "full_page_writes=off", "-c", "max_connections=40"],
        ...["-c", "ssl=on", "-c", `ssl_cert_file=${join(dir, "server.crt")}`],
        ...["-c", `ssl_key_file=${join(dir, "server.key")}`],
      ]);
      const server = spawnDaemon("postgres", program, args);
      await waitUntilReady(server, port);
      return server;
    };
    let port = 0;
    daemon = await startOnFreePort(async (candidate) => {
      port = candidate;
      return start(candidate);
    });
    const admin = (database: string) =>
      new pg.Client({ host: dir, port, user: PG_USER, database, application_name: "test-admin" });
    const cluster: PostgresCluster = {
      port,
      socketDir: dir,
      caFile: join(dir, "ca.crt"),
      serverCertFile: join(dir, "server.crt"),
      env: { PGPASSWORD: PG_PASSWORD },
      url: (database, query) =>
        `postgres://${PG_USER}@127.0.0.1:${port}/${database}${query ? `?${query}` : ""}`,
      async createDatabase(name) {
        await cluster.query("postgres", `CREATE DATABASE "${name}"`);
        return cluster.url(name);
      },
      async query(database, sql, params = []) {
        const client = admin(database);
        await client.connect();
        try {
          return (await client.query(sql, params)).rows;
        } finally {
          await client.end();
        }
      },
      async restart() {
        await stopServer(daemon);
        daemon = await start(port);
      },
      async close() {
        await stopServer(daemon);
        rmSync(dir, { recursive: true, force: true });
      },
    };
    return cluster;
  } catch (error) {
    await stopServer(daemon);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** A CA and a server certificate naming `localhost` (not 127.0.0.1, so verify-full can fail), made with openssl in `dir`. */
async function makeTls(dir: string, own: (path: string) => void): Promise<void> {
  const at = (name: string) => join(dir, name);
  const openssl = (args: string[]) => run("openssl", args, { cwd: dir });
  await openssl([
    ...["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"],
    ...["-keyout", at("ca.key"), "-out", at("ca.crt"), "-days", "2", "-subj", "/CN=mailaudit test CA"],
  ]);
  await openssl([
    ...["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"],
    ...["-keyout", at("server.key"), "-out", at("server.csr"), "-subj", "/CN=localhost"],
  ]);
  writeFileSync(at("san.ext"), "subjectAltName=DNS:localhost\n");
  await openssl([
    ...["x509", "-req", "-in", at("server.csr"), "-CA", at("ca.crt"), "-CAkey", at("ca.key")],
    ...["-CAcreateserial", "-out", at("server.crt"), "-days", "2", "-extfile", at("san.ext")],
  ]);
  // The server refuses a key file others can read.
  chmodSync(at("server.key"), 0o600);
  own(at("server.key"));
  own(at("server.crt"));
}

async function waitUntilReady(server: Daemon, port: number, withinMs = 30_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (server.exited()) throw new Error(`postgres exited during startup:\n${server.output()}`);
    if (/ready to accept connections/.test(server.output())) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stopServer(server);
  throw new Error(`postgres did not start on port ${port} within ${withinMs} ms:\n${server.output()}`);
}

/** Fast shutdown (SIGINT: sessions are cut, the cluster stays consistent), SIGKILL if it hangs. */
async function stopServer(server: Daemon | undefined): Promise<void> {
  if (!server || server.exited()) return;
  const exited = once(server.child, "exit");
  server.child.kill("SIGINT");
  const timer = setTimeout(() => server.child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}
