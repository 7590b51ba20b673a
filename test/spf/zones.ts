import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { Zone } from "../../src/dns/zone-records.js";
import { loadZoneFile } from "../helpers/dns-server.js";

/** Every SPF fixture zone (`fixtures/zones/spf-*.zone`), one origin per file. */
export function spfZones(): Zone[] {
  const dir = join("fixtures", "zones");
  return readdirSync(dir)
    .filter((f) => f.startsWith("spf-") && f.endsWith(".zone"))
    .map((f) => loadZoneFile(join(dir, f)));
}

/** Names that fail on purpose in the SPF fixtures. */
export const SPF_FAULTS = { "broken.limits.example": "servfail" } as const;
