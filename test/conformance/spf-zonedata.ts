/**
 * Turns the openspf suite's `zonedata` (see fixtures/conformance/spf/README.md) into zones for
 * the fixture DNS server. Conventions of the suite's drivers (pyspf `testspf.py`): type SPF records
 * are also served as TXT unless the name has its own TXT entry; `NONE` means no record of that
 * type; a bare `TIMEOUT` makes every query for the name go unanswered.
 */
import type { Zone, ZoneRecord } from "../../src/dns/zone-records.js";

type Entry = string | Record<string, unknown>;
export type ZoneData = Record<string, Entry[]>;

export interface SuiteZones {
  zones: Zone[];
  /** Names whose queries are never answered. */
  timeouts: string[];
}

export function zonesFromZoneData(zonedata: ZoneData): SuiteZones {
  const records: ZoneRecord[] = [];
  const timeouts: string[] = [];
  for (const [rawName, entries] of Object.entries(zonedata)) {
    const name = rawName.toLowerCase().replace(/\.$/, "");
    const hasTxt = entries.some((e) => typeof e === "object" && "TXT" in e);
    const servesTxt = entries.some(
      (e) =>
        typeof e === "object" &&
        Object.entries(e).some(([t, v]) => (t === "TXT" || (t === "SPF" && !hasTxt)) && v !== "NONE"),
    );
    for (const entry of entries) {
      if (entry === "TIMEOUT") {
        // In the suite's drivers TIMEOUT applies to the types a name has no data for. Our server's faults
        // are per name, so a name that serves TXT (all check_host asks of it: `spftimeout`) stays answered.
        if (!servesTxt) timeouts.push(name);
        continue;
      }
      if (typeof entry !== "object") continue;
      for (const [type, value] of Object.entries(entry)) {
        if (value === "NONE") continue;
        records.push(...toRecords(name, type, value));
        if (type === "SPF" && !hasTxt) records.push(...toRecords(name, "TXT", value));
      }
    }
  }
  return { zones: zonesByTopLabel(records), timeouts };
}

function toRecords(name: string, type: string, value: unknown): ZoneRecord[] {
  const ttl = 300;
  switch (type) {
    case "SPF":
    case "TXT": {
      // A list is one RR with several character-strings; octets travel as Latin-1 characters.
      const strings = (Array.isArray(value) ? value : [value]).map((s) =>
        Buffer.from(String(s), "utf8").toString("latin1"),
      );
      return [{ name, ttl, type, data: strings }];
    }
    case "MX": {
      const [priority, exchange] = value as [number, string];
      return [
        {
          name,
          ttl,
          type: "MX",
          data: { priority: Number(priority), exchange: String(exchange).toLowerCase().replace(/\.$/, "") },
        },
      ];
    }
    case "A":
    case "AAAA":
    case "PTR":
    case "CNAME": {
      const data = String(value);
      return [
        {
          name,
          ttl,
          type,
          data: type === "A" || type === "AAAA" ? data : data.toLowerCase().replace(/\.$/, ""),
        } as ZoneRecord,
      ];
    }
    default:
      throw new Error(`unknown zonedata type ${type} at ${name}`);
  }
}

/**
 * The fixture server answers only inside a zone's origin (outside is SERVFAIL). The suite's names
 * share a handful of top-level labels, so one zone per top-level label makes every other name
 * under them NXDOMAIN, as in the suite's drivers.
 */
function zonesByTopLabel(records: ZoneRecord[]): Zone[] {
  const byTop = new Map<string, ZoneRecord[]>();
  for (const record of records) {
    const top = record.name.slice(record.name.lastIndexOf(".") + 1);
    byTop.set(top, [...(byTop.get(top) ?? []), record]);
  }
  for (const top of ["com", "net", "org", "arpa", "example"]) if (!byTop.has(top)) byTop.set(top, []);
  return [...byTop].map(([origin, list]) => ({ origin, records: list, source: `zonedata:${origin}` }));
}
