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

/** The AD bit of an answer (RFC 4035 §3.2.3): did the resolver validate it with DNSSEC? */
export type DnssecStatus = "validated" | "not validated";

/**
 * What an answer says about itself, beside its data. Optional: zone files and tests may not know.
 * The AD bit is only as trustworthy as the path to the resolver (RFC 6840 §5.7): it reports what
 * the resolver said, it is not a validation of our own.
 */
export interface AnswerFacts {
  /** Seconds a cache may keep it: the smallest TTL along the answer (negative answers: RFC 2308 §5). */
  ttl?: number;
  dnssec?: DnssecStatus;
  /** CNAME targets followed from the asked name, in order (normalized); absent when none. */
  cnames?: string[];
  /**
   * Records a `--zone` input holds without their data that could change this answer: a Terraform
   * record whose name is known only after apply may be anywhere in its zone. Absent when none.
   */
  notChecked?: UncheckedRecord[];
}

/**
 * A record a `--zone` input names but whose published data it cannot tell: a Terraform value
 * known only after apply (or held by the provider: an alias), or an octoDNS record marked
 * `ignored: true`, which octoDNS leaves as it is published. Neither missing nor present: the audit
 * lists it (rule `dns/not-checked`) instead of judging it.
 */
export interface UncheckedRecord {
  /** Owner name, normalized; absent when the input does not know it yet. */
  name?: string;
  /** Record type (upper case); absent when the input does not know it yet. */
  type?: string;
  /** Where it is written: `plan.json: aws_route53_record.dkim`, `example.com.yaml:12`. */
  source: string;
  /** Why its data is not known: "records known only after apply". */
  reason: string;
  /**
   * `after-apply`: the data exists only once the change is applied. `left-as-published`: the tool
   * will not touch the record, so what DNS serves now stays (asked of DNS unless `--offline`).
   */
  kind: "after-apply" | "left-as-published";
}

export type DnsAnswer<T> =
  | ({ kind: "ok"; records: T } & AnswerFacts)
  /**
   * RCODE 3: the name does not exist. With `assumedAbsent` no server was asked: that name (the one
   * asked, or where a CNAME in a zone led) lies outside every zone given with `--offline` and is
   * taken as non-existent; the audit lists it.
   */
  | ({ kind: "nxdomain"; assumedAbsent?: string } & AnswerFacts)
  /** NOERROR with no records of the asked type. */
  | ({ kind: "nodata" } & AnswerFacts)
  /**
   * SERVFAIL, REFUSED, timeout, malformed answer: no verdict can be drawn. With `notChecked` no
   * server failed: a `--zone` input holds the record without its data, so there is no verdict
   * either, but the run is not inconclusive for it; the audit lists those records instead.
   */
  | { kind: "temperror"; reason: string; notChecked?: UncheckedRecord[] };

export interface Resolver {
  query<T extends RecordType>(name: string, type: T): Promise<DnsAnswer<RecordData[T]>>;
}

/** A question this run has already had answered by its resolver, with that answer. */
export interface KnownAnswer {
  readonly name: string;
  readonly type: RecordType;
  readonly answer: DnsAnswer<unknown>;
}

/**
 * A resolver that can be handed answers its own inner resolver already gave this run (a shared SPF
 * subtree's, src/spf/shared-subtrees.ts), taking them as if it had asked: asking again only to pass
 * each through the same layers was a measurable part of the audit's CPU. False when it would not
 * have given them (its time budget is used up), and then nothing was taken.
 */
export interface TakesKnownAnswers extends Resolver {
  takeKnown(answers: readonly KnownAnswer[]): boolean;
}

export function takesKnownAnswers(resolver: Resolver): resolver is TakesKnownAnswers {
  return typeof (resolver as Partial<TakesKnownAnswers>).takeKnown === "function";
}

/** A DNS question that could not be answered; the audit records these and becomes inconclusive. */
export interface LookupFailure {
  name: string;
  type: RecordType;
  reason: string;
}

/** One question the audit got an answer to, with what the answer said about itself (JSON `answers`). */
export interface AnsweredQuestion {
  name: string;
  type: RecordType;
  result: "ok" | "nxdomain" | "nodata";
  /** Seconds: how long resolvers may keep serving this answer (how long a change takes to be seen). */
  ttl?: number;
  dnssec?: DnssecStatus;
}

/** True for answers that RFC 7208 §4.6.4 calls void: NXDOMAIN or NOERROR with no answer. */
export function isVoid(answer: DnsAnswer<unknown>): boolean {
  return answer.kind === "nxdomain" || answer.kind === "nodata";
}

/**
 * A DNS name as DNS compares it: ASCII letters in lower case (RFC 4343: only those are
 * case-insensitive; other octets stay as they are), no trailing dot.
 */
export function canonicalName(name: string): string {
  const bare = name.length > 1 && name.endsWith(".") ? name.slice(0, -1) : name;
  // For ASCII (nearly every name) the built-in lower-casing is the same, and faster.
  return ASCII_ONLY.test(bare) ? bare.toLowerCase() : bare.replace(/[A-Z]+/g, (l) => l.toLowerCase());
}
// biome-ignore lint/suspicious/noControlCharactersInRegex: any ASCII octet may be in a name
const ASCII_ONLY = /^[\x00-\x7f]*$/;

/** Normalizes a name for comparison and caching: lower case, no trailing dot. */
export function normalizeName(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith(".") && lower.length > 1 ? lower.slice(0, -1) : lower;
}
