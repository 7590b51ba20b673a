import { CnameChain } from "./cname-chain.js";
import { normalizeName, type UncheckedRecord } from "./types.js";

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
  /**
   * Records the input holds without their data (see `UncheckedRecord`): questions about them get
   * no answer from the zone, and one without a name (known only after apply) may be at any name.
   */
  unchecked?: UncheckedRecord[];
}

/**
 * What a set of zones says about one question, following CNAMEs inside the zones. `mayChange`
 * lists the records without a known name in the zones the question went through (absent if none).
 */
export type ZoneLookup =
  | { kind: "answer"; chain: ZoneRecord[]; records: ZoneRecord[]; mayChange?: UncheckedRecord[] }
  | { kind: "nxdomain"; chain: ZoneRecord[]; mayChange?: UncheckedRecord[] }
  | { kind: "nodata"; chain: ZoneRecord[]; mayChange?: UncheckedRecord[] }
  /**
   * The zone holds the asked record set (or a CNAME at the name) without its data: no answer.
   * `at` is the name where it is (the asked name, or where a CNAME chain led).
   */
  | { kind: "unchecked"; chain: ZoneRecord[]; at: string; records: UncheckedRecord[] }
  /** A CNAME led to a name no zone covers: ask the rest of DNS for `target`. */
  | { kind: "outside"; chain: ZoneRecord[]; target: string }
  /** A loop, or a chain longer than `MAX_CNAME_HOPS` (cname-chain.ts). */
  | { kind: "cname-loop"; chain: ZoneRecord[] };

/** A record in the index; a record held without its data stands in its place, marked. */
type IndexedRecord = ZoneRecord & { unchecked?: UncheckedRecord };

/** One origin's names: records by owner and every name that exists (empty non-terminals too). */
class ZoneIndex {
  readonly byName = new Map<string, IndexedRecord[]>();
  /** RFC 8020: NXDOMAIN means nothing exists at or below a name, so empty non-terminals exist. */
  readonly existing = new Set<string>();
  /** Records without a known name: any name of the zone may hold them. */
  readonly unplaced: UncheckedRecord[] = [];

  constructor(readonly origin: string) {}

  /** A record without its data still makes its name exist; questions about it get no answer. */
  addUnchecked(record: UncheckedRecord): void {
    if (record.name === undefined || record.type === undefined) this.unplaced.push(record);
    else this.add({ name: record.name, ttl: 0, type: record.type, data: "", unchecked: record });
  }

  /** The records without a name that an answer of `type` may hide (a CNAME stands for every type). */
  unplacedFor(type: string): UncheckedRecord[] {
    return this.unplaced.filter((r) => r.type === undefined || r.type === type || r.type === "CNAME");
  }

  add(record: IndexedRecord): void {
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
  recordsAt(name: string): IndexedRecord[] | undefined {
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
        return wildcard?.map((r) => ({ ...r, name }) as IndexedRecord);
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
      for (const record of zone.unchecked ?? []) {
        if (record.name === undefined || this.zoneFor(record.name)?.origin === zone.origin)
          index.addUnchecked(record);
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
    const mayChange: UncheckedRecord[] = [];
    const facts = () => (mayChange.length > 0 ? { mayChange } : {});
    for (;;) {
      const current = follower.end;
      const zone = this.zoneFor(current);
      if (!zone) return { kind: "outside", chain, target: current };
      const index = this.#indexes.get(zone.origin);
      for (const record of index?.unplacedFor(type) ?? [])
        if (!mayChange.includes(record)) mayChange.push(record);
      const atName = index?.recordsAt(current);
      if (atName === undefined) return { kind: "nxdomain", chain, ...facts() };
      // The asked set, or a CNAME that would stand in for it, held without data: no answer at all
      // (one unknown member makes the whole set unknown).
      const unknown = atName.filter((r) => r.unchecked && (r.type === type || r.type === "CNAME"));
      if (unknown.length > 0) {
        return {
          kind: "unchecked",
          chain,
          at: current,
          records: unknown.map((r) => r.unchecked as UncheckedRecord),
        };
      }
      const matching = atName.filter((r) => r.type === type && !r.unchecked);
      if (matching.length > 0) return { kind: "answer", chain, records: matching, ...facts() };
      const cname = atName.find((r) => r.type === "CNAME" && !r.unchecked);
      if (!cname || type === "CNAME") return { kind: "nodata", chain, ...facts() };
      chain.push(cname);
      if (follower.follow(cname.data as string) !== "ok") return { kind: "cname-loop", chain };
    }
  }
}

function parentOf(name: string): string {
  const dot = name.indexOf(".");
  return dot === -1 ? "" : name.slice(dot + 1);
}
