/**
 * A real authoritative server for end-to-end tests: NSD (Debian's `nsd` package) serving RFC 1035
 * zone files on 127.0.0.1 at a port chosen at run time, from a generated config in a temp dir.
 * The same zone files can be served by the fixture server (`dns-server.ts`), which reads them too.
 */
import { execFile } from "node:child_process";
import { readdir } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { promisify } from "node:util";
import { findExecutable, type RunningDaemon, startConfiguredDaemon } from "./daemon.js";

export interface ServedZone {
  /** The zone's apex, e.g. "acme-workspace.test" ("test" for the TLD itself). */
  name: string;
  /** Path of its RFC 1035 zone file. */
  file: string;
}

/** A running NSD; its address is ready for `--resolver` or an Unbound stub-addr. */
export interface NsdServer extends RunningDaemon {
  zones: readonly ServedZone[];
}

/** Every `<zone name>.zone` file in `dir` (so `acme-workspace.test.zone` serves `acme-workspace.test.`). */
export async function zonesInDirectory(dir: string): Promise<ServedZone[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".zone")).sort();
  return files.map((f) => ({ name: basename(f, ".zone"), file: resolve(dir, f) }));
}

/** Fails with nsd-checkzone's own message when a zone file is not one NSD would load. */
export async function checkZones(zones: readonly ServedZone[]): Promise<void> {
  const checkzone = findExecutable("nsd-checkzone");
  if (!checkzone) throw new Error("nsd-checkzone not found (apt-get install nsd)");
  for (const zone of zones) {
    try {
      await promisify(execFile)(checkzone, [`${zone.name}.`, zone.file]);
    } catch (error) {
      const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
      throw new Error(`zone ${zone.name} (${zone.file}) is rejected by nsd-checkzone:\n${stderr}${stdout}`);
    }
  }
}

export async function startNsd(zones: readonly ServedZone[]): Promise<NsdServer> {
  const nsd = findExecutable("nsd");
  if (!nsd) throw new Error("nsd not found (apt-get install nsd)");
  if (zones.length === 0) throw new Error("startNsd: no zones to serve");
  await checkZones(zones);
  const server = await startConfiguredDaemon({
    label: "nsd",
    program: nsd,
    config: (dir, port) => nsdConfig(dir, port, zones),
    probeName: `${zones[0]?.name}.`,
  });
  return { ...server, zones };
}

/**
 * NSD 4.6 config: no chroot, no privilege drop (username ""), no compiled database (database ""),
 * every state file inside `dir`, IPv4 loopback only, no remote control.
 */
function nsdConfig(dir: string, port: number, zones: readonly ServedZone[]): string {
  const server = [
    "server:",
    `  ip-address: 127.0.0.1@${port}`,
    "  do-ip6: no",
    "  server-count: 1",
    "  verbosity: 1",
    '  username: ""',
    '  chroot: ""',
    '  database: ""',
    `  zonesdir: "${dir}"`,
    `  zonelistfile: "${join(dir, "zone.list")}"`,
    `  xfrdfile: "${join(dir, "xfrd.state")}"`,
    `  xfrdir: "${dir}"`,
    `  pidfile: "${join(dir, "nsd.pid")}"`,
    "  hide-version: yes",
    "remote-control:",
    "  control-enable: no",
  ];
  const zoneBlocks = zones.flatMap((z) => ["zone:", `  name: "${z.name}."`, `  zonefile: "${z.file}"`]);
  return `${[...server, ...zoneBlocks].join("\n")}\n`;
}
