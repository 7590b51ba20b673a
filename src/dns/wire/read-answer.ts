/**
 * What one response says about (name, type): the records, following the CNAME chain the server put
 * in the answer section (RFC 1034 §3.6.2, §4.3.2), or where that chain stops without data.
 */
import type { CnameChain } from "../cname-chain.js";
import { canonicalName, type RecordData, type RecordType } from "../types.js";
import type { DecodedMessage } from "./message.js";
import { RR, type WireRecord } from "./wire-record.js";

export type ReadAnswer =
  | { kind: "ok"; records: RecordData[RecordType]; ttl: number }
  | { kind: "nxdomain" | "nodata"; ttl: number | undefined }
  /** The answer's chain ends at `chain.end` with no data there: ask that name. */
  | { kind: "follow"; ttl: number }
  | { kind: "temperror"; reason: string };

/**
 * Reads `message` (already checked to answer our question about `asked`, RCODE NOERROR or NXDOMAIN),
 * extending `chain` with the CNAMEs it holds from `chain.end` on. `chain.end` must be `asked`
 * (a chain started at it, or the name where it stopped).
 */
export function readAnswer(
  message: DecodedMessage,
  asked: string,
  type: RecordType,
  chain: CnameChain,
): ReadAnswer {
  const wanted = RR[type];
  let ttl = Number.POSITIVE_INFINITY;
  // Servers write an answer's owner as a pointer to the question: at the question's name that says
  // it all, and no name need be decoded or made canonical (the question was compared with ours as
  // octets). `owner` (canonical) is made only for a record whose owner is written out, and after a hop.
  let atQuestion = true;
  let owner: string | undefined;
  for (;;) {
    let matching: WireRecord[] | undefined;
    let alias: WireRecord | undefined;
    for (const record of message.answers) {
      if (!record.isInternet || (record.type !== wanted && record.type !== RR.CNAME)) continue;
      if (!(atQuestion && record.ownerIsQuestion)) {
        owner ??= chain.end;
        if (canonicalName(record.name) !== owner) continue;
      }
      if (record.type === wanted) {
        matching ??= [];
        matching.push(record);
      } else alias ??= record;
    }
    if (matching) {
      for (const record of matching) ttl = Math.min(ttl, record.ttl);
      return { kind: "ok", records: toRecordData(type, matching), ttl };
    }
    if (alias === undefined || type === "CNAME") break;
    ttl = Math.min(ttl, alias.ttl);
    const hop = chain.follow(alias.target());
    if (hop !== "ok") return { kind: "temperror", reason: chain.failure(hop) };
    // A hop that is not a loop ends at a name other than the question's.
    atQuestion = false;
    owner = chain.end;
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

/** RFC 2308 §5: a negative answer may be cached for the SOA's TTL, at most its MINIMUM field. */
function soaTtl(message: DecodedMessage): number | undefined {
  return message.authorities.find((record) => record.type === RR.SOA)?.negativeTtl();
}

function toRecordData(type: RecordType, records: WireRecord[]): RecordData[RecordType] {
  switch (type) {
    case "TXT":
      // Octets as Latin-1 characters, then UTF-8 where they are valid UTF-8 (txt-octets.ts); an
      // RR with no character-string at all is kept as [] (RFC 1035 forbids it; its neighbours count).
      return records.map((record) => record.txtText());
    case "MX":
      return records.map((record) => {
        const { preference, exchange } = record.mx();
        return { exchange, priority: preference };
      });
    case "A":
      return records.map((record) => record.ipv4());
    case "AAAA":
      return records.map((record) => record.ipv6());
    default:
      return records.map((record) => record.target());
  }
}
