/**
 * The one DNS seam of mailaudit. Every lookup goes through a `Resolver`, and every answer is a value:
 * "the name does not exist", "it exists without that type" and "we could not find out" are distinct,
 * because an auditor that reports a timeout as "record missing" lies to its user (docs/cli.md, exit 3).
 */

export interface MxRecord {
  exchange: string;
  priority: number;
}

/** The record types mailaudit asks for, with the shape of their data. */
export interface RecordData {
  /** Each TXT record as its list of character-strings (RFC 1035 §3.3.14); join them yourself. */
  TXT: string[][];
  A: string[];
  AAAA: string[];
  MX: MxRecord[];
  CNAME: string[];
  PTR: string[];
  NS: string[];
}

export type RecordType = keyof RecordData;

export const RECORD_TYPES = [
  "TXT",
  "A",
  "AAAA",
  "MX",
  "CNAME",
  "PTR",
  "NS",
] as const satisfies readonly RecordType[];

export type DnsAnswer<T> =
  | { kind: "ok"; records: T }
  /**
   * RCODE 3: the name does not exist. With `assumedAbsent` no server was asked: that name (the one
   * asked, or where a CNAME in a zone led) lies outside every zone given with `--offline` and is
   * taken as non-existent; the audit lists it.
   */
  | { kind: "nxdomain"; assumedAbsent?: string }
  /** NOERROR with no records of the asked type. */
  | { kind: "nodata" }
  /** SERVFAIL, REFUSED, timeout, malformed answer: no verdict can be drawn. */
  | { kind: "temperror"; reason: string };

export interface Resolver {
  query<T extends RecordType>(name: string, type: T): Promise<DnsAnswer<RecordData[T]>>;
}

/** A DNS question that could not be answered; the audit records these and becomes inconclusive. */
export interface LookupFailure {
  name: string;
  type: RecordType;
  reason: string;
}

/** True for answers that RFC 7208 §4.6.4 calls void: NXDOMAIN or NOERROR with no answer. */
export function isVoid(answer: DnsAnswer<unknown>): boolean {
  return answer.kind === "nxdomain" || answer.kind === "nodata";
}

/** Normalizes a name for comparison and caching: lower case, no trailing dot. */
export function normalizeName(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith(".") && lower.length > 1 ? lower.slice(0, -1) : lower;
}
