/**
 * The end-to-end DNS lab: NSD serving every zone in `fixtures/e2e/` authoritatively, and Unbound
 * resolving them recursively through stub zones, plus one delegation whose name server is dead.
 * Both are real Debian daemons on loopback ports chosen at run time.
 */
import { findExecutable } from "../helpers/daemon.js";
import { type NsdServer, type ServedZone, startNsd, zonesInDirectory } from "../helpers/nsd.js";
import { toolAvailable } from "../helpers/optional-tool.js";
import { startUnbound, type UnboundServer } from "../helpers/unbound.js";

export const E2E_ZONES_DIR = "fixtures/e2e";
/** Delegated to a name server nothing listens on: every question inside it is a SERVFAIL. */
export const DEAD_ZONE = "broken-esp.test";

const REQUIRED = ["nsd", "nsd-checkzone", "unbound"];

/**
 * True when the daemons are installed. Without them the suite is skipped with a visible message on
 * a developer's machine, and fails loudly when CI is set (a skipped suite must not look green there).
 */
export function dnsDaemonsAvailable(): boolean {
  const missing = REQUIRED.filter((name) => !findExecutable(name));
  return toolAvailable(
    missing.length === 0,
    `end-to-end DNS suite needs ${missing.join(", ")}: apt-get install nsd unbound`,
  );
}

export interface DnsLab {
  zones: readonly ServedZone[];
  nsd: NsdServer;
  unbound: UnboundServer;
  close(): Promise<void>;
}

export async function startDnsLab(): Promise<DnsLab> {
  const zones = await zonesInDirectory(E2E_ZONES_DIR);
  const nsd = await startNsd(zones);
  let unbound: UnboundServer;
  try {
    unbound = await startUnbound({
      zones: zones.map((z) => z.name),
      authority: nsd.address,
      deadZones: [DEAD_ZONE],
    });
  } catch (error) {
    await nsd.close();
    throw error;
  }
  return {
    zones,
    nsd,
    unbound,
    async close() {
      await Promise.allSettled([unbound.close(), nsd.close()]);
    },
  };
}
