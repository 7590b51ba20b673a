/**
 * Real DNS on loopback for the audit bench: NSD (authoritative, serving the generated zone) behind
 * Unbound (recursive, a stub zone pointing at NSD, a control socket for statistics, and
 * `log-queries` so every question it receives can be counted). Both run in the foreground (-d) as
 * our children, on free ports, with configs in a temp dir; `stop()` is registered for cleanup.
 */
import { execFile, spawn } from "node:child_process";
import { createSocket } from "node:dgram";
import { Resolver } from "node:dns/promises";
import { openSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { onCleanup } from "./cleanup.js";

const run = promisify(execFile);

/** A port free for both TCP and UDP on 127.0.0.1 (the servers bind both). */
export async function freePort() {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await new Promise((resolve, reject) => {
      const server = createServer();
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address();
        server.close(() => resolve(port));
      });
    });
    const udpFree = await new Promise((resolve) => {
      const socket = createSocket("udp4");
      socket.once("error", () => resolve(false));
      socket.bind(port, "127.0.0.1", () => socket.close(() => resolve(true)));
    });
    if (udpFree) return port;
  }
  throw new Error("no free loopback port for TCP+UDP");
}

/** Starts a daemon in the foreground as our child; its output goes to `logPath`. */
function startDaemon(command, args, logPath) {
  const log = openSync(logPath, "a");
  const child = spawn(command, args, { stdio: ["ignore", log, log] });
  let exited = false;
  const exitedPromise = new Promise((resolve) =>
    child.once("exit", () => {
      exited = true;
      resolve();
    }),
  );
  const stop = async () => {
    if (exited) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
    await exitedPromise;
    clearTimeout(timer);
  };
  onCleanup(stop);
  return { child, stop, hasExited: () => exited };
}

/** Waits until `name` resolves through the server on `port` (the daemon is up and has loaded the zone). */
async function waitForAnswer(port, name, daemon, what) {
  const resolver = new Resolver({ timeout: 300, tries: 1 });
  resolver.setServers([`127.0.0.1:${port}`]);
  const deadline = Date.now() + 15000;
  while (Date.now() < deadline) {
    if (daemon.hasExited()) throw new Error(`${what} exited during start-up (see its log)`);
    try {
      await resolver.resolveSoa(name);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`${what} did not answer for ${name} within 15 s`);
}

/**
 * NSD serving one zone file. The whole bench namespace is one zone (`test.`): Unbound's stub at the
 * same name then always wins over NS records it caches from answers (a stub deeper than a cached
 * delegation would not), so it never tries an NS address on port 53.
 */
export async function startNsd(dir, { zone, zoneFile }) {
  const port = await freePort();
  const conf = join(dir, "nsd.conf");
  writeFileSync(
    conf,
    `server:
  ip-address: 127.0.0.1@${port}
  port: ${port}
  username: ""
  chroot: ""
  zonesdir: "${dir}"
  database: ""
  zonelistfile: "${join(dir, "nsd-zone.list")}"
  pidfile: "${join(dir, "nsd.pid")}"
  xfrdfile: "${join(dir, "nsd-xfrd.state")}"
  xfrdir: "${dir}"
  logfile: "${join(dir, "nsd.log")}"
  server-count: 1
  verbosity: 0
  hide-version: yes
  minimal-responses: yes
  # Response rate limiting (on in Debian's build) would drop or truncate the bench's many NODATA
  # answers from one source: every client would see timeouts that real servers would not cause.
  rrl-ratelimit: 0
  rrl-whitelist-ratelimit: 0
remote-control:
  control-enable: no
zone:
  name: "${zone}"
  zonefile: "${zoneFile}"
`,
  );
  const daemon = startDaemon("/usr/sbin/nsd", ["-d", "-c", conf], join(dir, "nsd.out"));
  await waitForAnswer(port, zone, daemon, "nsd");
  return { port, pid: daemon.child.pid, stop: daemon.stop };
}

/** Unbound on a free port, forwarding nothing: iterating into NSD through a stub zone. */
export async function startUnbound(dir, { zone, nsdPort }) {
  const port = await freePort();
  const conf = join(dir, "unbound.conf");
  const logFile = join(dir, "unbound.log");
  writeFileSync(
    conf,
    `server:
  interface: 127.0.0.1
  port: ${port}
  username: ""
  chroot: ""
  directory: "${dir}"
  pidfile: "${join(dir, "unbound.pid")}"
  logfile: "${logFile}"
  use-syslog: no
  log-queries: yes
  verbosity: 0
  num-threads: 1
  so-reuseport: no
  do-ip6: no
  access-control: 127.0.0.0/8 allow
  do-not-query-localhost: no
  qname-minimisation: no
  module-config: "iterator"
  extended-statistics: yes
  statistics-cumulative: yes
  # RFC 6761 makes test. a default local zone; here it is served for real.
  local-zone: "${zone}" nodefault
  # Nothing may leave the machine: the root goes to NSD too (which refuses what it does not serve).
  target-fetch-policy: "0 0 0 0 0"
stub-zone:
  name: "${zone}"
  stub-addr: 127.0.0.1@${nsdPort}
stub-zone:
  name: "."
  stub-addr: 127.0.0.1@${nsdPort}
remote-control:
  control-enable: yes
  control-interface: "${join(dir, "unbound.ctl")}"
  control-use-cert: no
`,
  );
  const daemon = startDaemon("/usr/sbin/unbound", ["-d", "-c", conf], join(dir, "unbound.out"));
  await waitForAnswer(port, zone, daemon, "unbound");
  const control = async (...args) => (await run("/usr/sbin/unbound-control", ["-c", conf, ...args])).stdout;
  return {
    port,
    address: `127.0.0.1:${port}`,
    pid: daemon.child.pid,
    logFile,
    control,
    /** Cumulative counters (`stats_noreset`), as a name → number map. */
    async stats() {
      const stats = new Map();
      for (const line of (await control("stats_noreset")).split("\n")) {
        const [key, value] = line.split("=");
        if (key && value !== undefined) stats.set(key, Number(value));
      }
      return stats;
    },
    /** Empties the caches so the next run starts cold, as a first CI run would. */
    async flushCaches() {
      await control("flush_zone", ".");
      await control("flush_infra", "all");
      await control("flush_requestlist");
    },
    stop: daemon.stop,
  };
}
