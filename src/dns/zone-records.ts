import { CnameChain } from "./cname-chain.js";
import { normalizeName } from "./types.js";

/** One resource record as read from a zone file (or built by a test), names absolute and lower-case. */
export type ZoneRecord =
  | { name: string; ttl: number; type: "TXT" | "SPF"; data: string[] }
  | { name: string; ttl: number; type: "A" | "AAAA" | "CNAME" | "NS" | "PTR"; data: string }
  | { name: string; ttl: number; type: "MX"; data: { priority: number; exchange: string } }
  | { name: string; ttl: number; type: "SOA"; data: SoaData }
  /** Any other type: kept so the name exists, never answered. */
  | { name: string; ttl: number; type: string & {}; data: string };

export interface SoaData {
  primary: string;
  admin: string;
  serial: number;
  refresh: number;
  retry: number;
  expiration: number;
  minimum: number;
}

export interface Zone {
  /** Absolute origin without trailing dot, lower-case ("example.com"). */
  origin: string;
  records: ZoneRecord[];
  /** Where the zone came from, for error messages. */
  source: string;
}

/** What a set of zones says about one question, following CNAMEs inside the zones. */
export type ZoneLookup =
  | { kind: "answer"; chain: ZoneRecord[]; records: ZoneRecord[] }
  | { kind: "nxdomain"; chain: ZoneRecord[] }
  | { kind: "nodata"; chain: ZoneRecord[] }
  /** A CNAME led to a name no zone covers: ask the rest of DNS for `target`. */
  | { kind: "outside"; chain: ZoneRecord[]; target: string }
  /** A loop, or a chain longer than `MAX_CNAME_HOPS` (cname-chain.ts). */
  | { kind: "cname-loop"; chain: ZoneRecord[] };

/** One origin's names: records by owner and every name that exists (empty non-terminals too). */
class ZoneIndex {
  readonly byName = new Map<string, ZoneRecord[]>();
  /** RFC 8020: NXDOMAIN means nothing exists at or below a name, so empty non-terminals exist. */
  readonly existing = new Set<string>();

  constructor(readonly origin: string) {}

  add(record: ZoneRecord): void {
    const name = normalizeName(record.name);
    const list = this.byName.get(name) ?? [];
    list.push(record);
    this.byName.set(name, list);
    for (let n = name; n.length >= this.origin.length; n = parentOf(n)) {
      this.existing.add(n);
      if (n === this.origin || !n.includes(".")) break;
    }
  }

  /** Records owned by `name`, [] for an empty non-terminal, undefined when the name does not exist. */
  recordsAt(name: string): ZoneRecord[] | undefined {
    const direct = this.byName.get(name);
    if (direct) return direct;
    if (this.existing.has(name)) return [];
    // RFC 4592: a wildcard at the closest encloser synthesizes the name.
    for (
      let encloser = parentOf(name);
      encloser.length >= this.origin.length;
      encloser = parentOf(encloser)
    ) {
      if (this.existing.has(encloser)) {
        const wildcard = this.byName.get(`*.${encloser}`);
        return wildcard?.map((r) => ({ ...r, name }) as ZoneRecord);
      }
      if (encloser === this.origin) break;
    }
    return undefined;
  }
}

/**
 * Answers questions from in-memory zones, the way authoritative servers would (RFC 1034 §4.3.2):
 * the zone with the longest origin that contains a name answers for it alone, so a child zone file
 * given beside an export of its parent is not merged with the parent's copy of the same names.
 * Files with the same origin are one zone.
 */
export class ZoneSet {
  readonly zones: readonly Zone[];
  readonly #indexes = new Map<string, ZoneIndex>();

  constructor(zones: Zone[]) {
    this.zones = zones;
    for (const zone of zones) {
      const index = this.#indexes.get(zone.origin) ?? new ZoneIndex(zone.origin);
      this.#indexes.set(zone.origin, index);
      for (const record of zone.records) {
        // Data outside the zone's own origin (or occluded by a more specific zone) is not its to serve.
        if (this.zoneFor(record.name)?.origin === zone.origin) index.add(record);
      }
    }
  }

  /** The zone whose origin is the longest suffix of `name`, if any. */
  zoneFor(name: string): Zone | undefined {
    const n = normalizeName(name);
    let best: Zone | undefined;
    for (const zone of this.zones) {
      if (
        (n === zone.origin || n.endsWith(`.${zone.origin}`)) &&
        (!best || zone.origin.length > best.origin.length)
      ) {
        best = zone;
      }
    }
    return best;
  }

  covers(name: string): boolean {
    return this.zoneFor(name) !== undefined;
  }

  lookup(name: string, type: string): ZoneLookup {
    const chain: ZoneRecord[] = [];
    const follower = new CnameChain(name);
    for (;;) {
      const current = follower.end;
      const zone = this.zoneFor(current);
      if (!zone) return { kind: "outside", chain, target: current };
      const atName = this.#indexes.get(zone.origin)?.recordsAt(current);
      if (atName === undefined) return { kind: "nxdomain", chain };
      const matching = atName.filter((r) => r.type === type);
      if (matching.length > 0) return { kind: "answer", chain, records: matching };
      const cname = atName.find((r) => r.type === "CNAME");
      if (!cname || type === "CNAME") return { kind: "nodata", chain };
      chain.push(cname);
      if (follower.follow(cname.data as string) !== "ok") return { kind: "cname-loop", chain };
    }
  }
}

function parentOf(name: string): string {
  const dot = name.indexOf(".");
  return dot === -1 ? "" : name.slice(dot + 1);
}
