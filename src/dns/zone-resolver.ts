import { decodeTxtOctets } from "./txt-octets.js";
import { type DnsAnswer, normalizeName, type RecordData, type RecordType, type Resolver } from "./types.js";
import type { ZoneRecord, ZoneSet } from "./zone-records.js";

/**
 * What a `ZoneResolver` does with a name outside every zone: ask the rest of DNS (the proposed zone
 * layered over live DNS, so a pull request is checked with the third-party includes it points at),
 * or, offline, take it as non-existent without asking anyone.
 */
export type OutsideZones = { ask: Resolver } | "assume-absent";

/**
 * Answers names inside the zones' origins from the zones themselves (NXDOMAIN and NODATA included),
 * and everything else as `outside` says. Every zone reader (RFC 1035, octoDNS, DNSControl,
 * Terraform) ends in a `ZoneSet`, so `--offline` means the same whatever the zones were written in.
 * Offline answers for outside names say which name was assumed absent, so the audit can list what it took for
 * granted (rule `dns/assumed-absent`) rather than present a guess as DNS's word. A record a zone
 * holds without its data (a Terraform value known only after apply) gets no answer, with the record
 * named, so the audit lists it (rule `dns/not-checked`) rather than call it missing or present.
 */
export class ZoneResolver implements Resolver {
  constructor(
    readonly zones: ZoneSet,
    readonly outside: OutsideZones,
  ) {}

  async query<T extends RecordType>(name: string, type: T): Promise<DnsAnswer<RecordData[T]>> {
    const result = this.zones.lookup(name, type);
    // No TTL and no DNSSEC verdict from zones: those are facts of answers served. (A zone file's
    // TTLs are not yet served, and other formats' readers fill in defaults of their own.)
    const cnames = result.chain.map((record) => normalizeName(record.data as string));
    const facts = {
      ...(cnames.length > 0 ? { cnames } : {}),
      ...("mayChange" in result && result.mayChange ? { notChecked: result.mayChange } : {}),
    };
    switch (result.kind) {
      case "answer":
        return {
          kind: "ok",
          records: toRecordData(type, result.records) as RecordData[T],
          ...facts,
        };
      case "nxdomain":
        return { kind: "nxdomain", ...facts };
      case "nodata":
        return { kind: "nodata", ...facts };
      case "cname-loop":
        return { kind: "temperror", reason: `CNAME loop at ${name}` };
      case "unchecked": {
        // octoDNS leaves an ignored record as it is published: live DNS holds what will be there.
        const asPublished = result.records.every((r) => r.kind === "left-as-published");
        if (asPublished && this.outside !== "assume-absent")
          return askBeyondZones(this.outside.ask, result.at, type, cnames);
        return {
          kind: "temperror",
          reason: `not checked: ${result.records.map((r) => `${r.source} (${r.reason})`).join("; ")}`,
          notChecked: result.records,
        };
      }
      case "outside": {
        if (this.outside === "assume-absent")
          return { kind: "nxdomain", assumedAbsent: result.target, ...facts };
        return askBeyondZones(this.outside.ask, result.target, type, cnames);
      }
    }
  }
}

/** Asks the rest of DNS where the zones end (or leave a record as published), keeping the chain so far. */
async function askBeyondZones<T extends RecordType>(
  ask: Resolver,
  name: string,
  type: T,
  cnames: string[],
): Promise<DnsAnswer<RecordData[T]>> {
  const answer = await ask.query(name, type);
  if (answer.kind === "temperror" || cnames.length === 0) return answer;
  return { ...answer, cnames: [...cnames, ...(answer.cnames ?? [])] };
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
