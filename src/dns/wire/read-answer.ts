/**
 * What one response says about (name, type): the records, following the CNAME chain the server put
 * in the answer section (RFC 1034 §3.6.2, §4.3.2), or where that chain stops without data.
 */
import type { CnameChain } from "../cname-chain.js";
import { decodeTxtOctets } from "../txt-octets.js";
import { canonicalName, type RecordData, type RecordType } from "../types.js";
import type { DecodedMessage, WireRecord } from "./message.js";

export type ReadAnswer =
  | { kind: "ok"; records: RecordData[RecordType]; ttl: number }
  | { kind: "nxdomain" | "nodata"; ttl: number | undefined }
  /** The answer's chain ends at `chain.end` with no data there: ask that name. */
  | { kind: "follow"; ttl: number }
  | { kind: "temperror"; reason: string };

/**
 * Reads `message` (already checked to answer our question about `asked`, RCODE NOERROR or NXDOMAIN),
 * extending `chain` with the CNAMEs it holds from `chain.end` on.
 */
export function readAnswer(
  message: DecodedMessage,
  asked: string,
  type: RecordType,
  chain: CnameChain,
): ReadAnswer {
  const answers = message.answers.filter((record) => (record as { class?: string }).class === "IN");
  let ttl = Number.POSITIVE_INFINITY;
  for (;;) {
    const owner = chain.end;
    const atOwner = answers.filter((record) => canonicalName(record.name) === owner);
    const matching = atOwner.filter((record) => record.type === type);
    if (matching.length > 0) {
      for (const record of matching) ttl = Math.min(ttl, ttlOf(record));
      return { kind: "ok", records: toRecordData(type, matching), ttl };
    }
    const alias = type === "CNAME" ? undefined : atOwner.find((record) => record.type === "CNAME");
    if (alias === undefined) break;
    ttl = Math.min(ttl, ttlOf(alias));
    const hop = chain.follow(dataOf(alias) as string);
    if (hop !== "ok") return { kind: "temperror", reason: chain.failure(hop) };
  }
  const negativeTtl = Math.min(ttl, soaTtl(message) ?? Number.POSITIVE_INFINITY);
  const known = Number.isFinite(negativeTtl) ? negativeTtl : undefined;
  if (message.rcode === "NXDOMAIN") return { kind: "nxdomain", ttl: known };
  // NOERROR, and the chain we followed ends at a name without the data. A recursive server sends
  // that when the end really has none; an authoritative one when the target is outside its zones.
  // Only asking the end itself tells which.
  if (chain.targets.length > 0 && canonicalName(chain.end) !== canonicalName(asked)) {
    return { kind: "follow", ttl };
  }
  return { kind: "nodata", ttl: known };
}

function dataOf(record: WireRecord): unknown {
  return (record as { data?: unknown }).data;
}

function ttlOf(record: WireRecord): number {
  return (record as { ttl?: number }).ttl ?? 0;
}

/** RFC 2308 §5: a negative answer may be cached for the SOA's TTL, at most its MINIMUM field. */
function soaTtl(message: DecodedMessage): number | undefined {
  const soa = message.authorities.find((record) => record.type === "SOA");
  if (!soa) return undefined;
  const minimum = (dataOf(soa) as { minimum?: number }).minimum ?? Number.POSITIVE_INFINITY;
  return Math.min(ttlOf(soa), minimum);
}

function toRecordData(type: RecordType, records: WireRecord[]): RecordData[RecordType] {
  switch (type) {
    case "TXT":
      // Octets as Latin-1 characters, then UTF-8 where they are valid UTF-8 (txt-octets.ts); an
      // RR with no character-string at all is kept as [] (RFC 1035 forbids it; its neighbours count).
      return records.map((record) =>
        (dataOf(record) as Buffer[]).map((chunk) => decodeTxtOctets(chunk.toString("latin1"))),
      );
    case "MX":
      return records.map((record) => {
        const { preference, exchange } = dataOf(record) as { preference: number; exchange: string };
        return { exchange, priority: preference };
      });
    default:
      return records.map((record) => String(dataOf(record)));
  }
}
