import { decodeTxtOctets } from "./txt-octets.js";
import type { DnsAnswer, RecordData, RecordType, Resolver } from "./types.js";
import type { ZoneRecord, ZoneSet } from "./zone-records.js";

/**
 * Answers names inside the zones' origins from the zones themselves (NXDOMAIN and NODATA included),
 * and everything else from `fallback`: the proposed zone is layered over live DNS, so a pull request
 * is checked with the third-party includes it points at. Without a fallback, outside names are a
 * temporary failure (the audit is inconclusive rather than wrong).
 */
export class ZoneResolver implements Resolver {
  constructor(
    readonly zones: ZoneSet,
    readonly fallback?: Resolver,
  ) {}

  async query<T extends RecordType>(name: string, type: T): Promise<DnsAnswer<RecordData[T]>> {
    const result = this.zones.lookup(name, type);
    switch (result.kind) {
      case "answer":
        return { kind: "ok", records: toRecordData(type, result.records) as RecordData[T] };
      case "nxdomain":
        return { kind: "nxdomain" };
      case "nodata":
        return { kind: "nodata" };
      case "cname-loop":
        return { kind: "temperror", reason: `CNAME loop at ${name}` };
      case "outside":
        if (!this.fallback)
          return { kind: "temperror", reason: `${result.target} is outside the zone files (offline)` };
        return this.fallback.query(result.target, type);
    }
  }
}

function toRecordData(type: RecordType, records: ZoneRecord[]): RecordData[RecordType] {
  switch (type) {
    case "TXT":
      // Zone text holds octets as Latin-1 characters, as node:dns answers do: decode them the same way.
      return records.map((r) => (r.data as string[]).map(decodeTxtOctets));
    case "MX":
      return records.map((r) => r.data as { priority: number; exchange: string });
    default:
      return records.map((r) => r.data as string);
  }
}
