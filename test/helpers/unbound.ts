/**
 * A real recursive resolver for end-to-end tests: Unbound (Debian's `unbound` package) on 127.0.0.1
 * at a port chosen at run time. It knows no root: each served zone is a `stub-zone` pointing at the
 * authoritative server (NSD), and each "dead" zone points at a port nothing listens on, which gives
 * the SERVFAIL a real resolver returns for a broken delegation.
 */
import { join } from "node:path";
import { findExecutable, type RunningDaemon, startConfiguredDaemon } from "./daemon.js";
import { freePort } from "./ports.js";

export interface UnboundOptions {
  /** Zones to resolve through the authoritative server at `authority` ("127.0.0.1:<port>"). */
  zones: readonly string[];
  authority: string;
  /** Zones whose only name server is dead (nothing listens there): SERVFAIL inside them. */
  deadZones?: readonly string[];
  /** Log every query a client sends (`log-queries`, UDP and TCP alike) to this file. */
  queryLogFile?: string;
  /**
   * Zones Unbound answers itself by default (RFC 6303/5737/3849 reverse zones of private and
   * documentation addresses) that must be resolved through the stubs instead.
   */
  noDefaultLocalZones?: readonly string[];
}

export type UnboundServer = RunningDaemon;

export async function startUnbound(options: UnboundOptions): Promise<UnboundServer> {
  const unbound = findExecutable("unbound");
  if (!unbound) throw new Error("unbound not found (apt-get install unbound)");
  const [firstZone] = options.zones;
  if (!firstZone) throw new Error("startUnbound: no zones to resolve");
  const authority = options.authority.replace(/:(\d+)$/, "@$1");
  const deadPort = await freePort();
  return startConfiguredDaemon({
    label: "unbound",
    program: unbound,
    config: (dir, port) => unboundConfig(dir, port, authority, deadPort, options),
    probeName: `${firstZone}.`,
  });
}

function unboundConfig(
  dir: string,
  port: number,
  authority: string,
  deadPort: number,
  options: UnboundOptions,
): string {
  const server = [
    "server:",
    `  interface: 127.0.0.1@${port}`,
    "  access-control: 127.0.0.0/8 allow",
    "  do-ip6: no",
    "  num-threads: 1",
    "  so-reuseport: no",
    '  chroot: ""',
    '  username: ""',
    `  directory: "${dir}"`,
    `  pidfile: "${join(dir, "unbound.pid")}"`,
    `  logfile: "${options.queryLogFile ?? ""}"`,
    ...(options.queryLogFile ? ["  log-queries: yes"] : []),
    "  use-syslog: no",
    "  verbosity: 1",
    // A dead name server must turn into SERVFAIL within a client's timeout, not after Unbound's
    // default backoff (its RTT estimate grows to 120 s before it gives up on a server). Only where a
    // zone is dead on purpose: the cap also gives up on a live server that is slow to answer, and on a
    // busy machine NSD can take longer than that (large keys over TCP came back SERVFAIL).
    ...((options.deadZones ?? []).length > 0 ? ["  infra-cache-max-rtt: 400"] : []),
    // The stubs live on 127.0.0.1, which Unbound refuses to query by default.
    "  do-not-query-localhost: no",
    // Iterator only: no DNSSEC validation, so no trust anchor and no root is needed.
    '  module-config: "iterator"',
    // Unbound answers .test itself (RFC 6761 default local zone) unless told not to.
    '  local-zone: "test." nodefault',
    ...(options.noDefaultLocalZones ?? []).map((z) => `  local-zone: "${z}." nodefault`),
    ...[...options.zones, ...(options.deadZones ?? [])].map((z) => `  domain-insecure: "${z}."`),
    "remote-control:",
    "  control-enable: no",
  ];
  const stub = (zone: string, addr: string) => ["stub-zone:", `  name: "${zone}."`, `  stub-addr: ${addr}`];
  const stubs = [
    ...options.zones.flatMap((z) => stub(z, authority)),
    ...(options.deadZones ?? []).flatMap((z) => stub(z, `127.0.0.1@${deadPort}`)),
  ];
  return `${[...server, ...stubs].join("\n")}\n`;
}
