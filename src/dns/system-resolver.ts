import { Resolver as NodeResolver } from "node:dns/promises";
import { InFlightLimit } from "./in-flight-limit.js";
import { decodeTxtOctets } from "./txt-octets.js";
import {
  type DnsAnswer,
  type MxRecord,
  normalizeName,
  type RecordData,
  type RecordType,
  type Resolver,
} from "./types.js";

export interface SystemResolverOptions {
  /** Servers as accepted by `setServers` ("1.2.3.4", "1.2.3.4:53", "[::1]:53"); empty = /etc/resolv.conf. */
  servers?: string[];
  /** Per-try timeout in milliseconds. */
  timeoutMs?: number;
  /** How many times c-ares sends a query before giving up. */
  tries?: number;
  /** Most questions sent and not yet answered at once; the rest wait their turn. */
  maxInFlight?: number;
}

export const DEFAULT_QUERY_TIMEOUT_MS = 5000;
/**
 * Measured with the bench (NSD behind Unbound on loopback): 64 questions in flight never lost an
 * answer, 2000 lost hundreds to the client's receive buffer. 128 keeps a cold run as fast as at 64.
 */
export const DEFAULT_MAX_IN_FLIGHT = 128;

/** How many times a question is sent before it is a timeout (c-ares `tries`). */
export const DEFAULT_TRIES = 2;

/** Error codes node:dns uses for definite negative answers; everything else is a temporary failure. */
const NXDOMAIN_CODES = new Set(["ENOTFOUND"]);
const NODATA_CODES = new Set(["ENODATA"]);

/**
 * Production resolver on node:dns (c-ares): reads resolv.conf, falls back to TCP on truncation,
 * times out, and tells NXDOMAIN from NODATA. `maxTimeout` caps c-ares' exponential backoff so that a dead
 * server costs about `tries × timeout`, not 2^tries.
 */
export class SystemResolver implements Resolver {
  readonly #resolver: NodeResolver;
  readonly #inFlight: InFlightLimit;

  constructor(options: SystemResolverOptions = {}) {
    this.#inFlight = new InFlightLimit(options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT);
    const timeout = options.timeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
    this.#resolver = new NodeResolver({
      timeout,
      tries: options.tries ?? DEFAULT_TRIES,
      maxTimeout: timeout,
    });
    if (options.servers && options.servers.length > 0) this.#resolver.setServers(options.servers);
  }

  async query<T extends RecordType>(name: string, type: T): Promise<DnsAnswer<RecordData[T]>> {
    const answer = await this.#ask(name, type);
    // Only TXT: that is where "no data" becomes a finding (spf/missing, dmarc/missing); doing it for
    // every AAAA that is legitimately empty would cost a CNAME question each.
    if (type === "TXT" && answer.kind === "nodata") return followUnresolvedCnames(this, name, type);
    return answer;
  }

  /** One question, one answer: no CNAME chasing beyond what the server did. */
  async #ask<T extends RecordType>(name: string, type: T): Promise<DnsAnswer<RecordData[T]>> {
    try {
      const raw = (await this.#inFlight.run(() =>
        this.#resolver.resolve(name, type),
      )) as unknown as RecordData[T];
      if (Array.isArray(raw) && raw.length === 0) return { kind: "nodata" };
      return { kind: "ok", records: normalizeRecords(type, raw) };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "";
      if (NXDOMAIN_CODES.has(code)) return { kind: "nxdomain" };
      if (NODATA_CODES.has(code)) return { kind: "nodata" };
      return { kind: "temperror", reason: describeFailure(code, error) };
    }
  }

  cancel(): void {
    // Questions still waiting for a slot end the way c-ares ends the ones it had sent.
    this.#inFlight.abandonWaiting(Object.assign(new Error("cancelled"), { code: "ECANCELLED" }));
    this.#resolver.cancel();
  }

  /** For `followUnresolvedCnames`: a single question without the TXT follow-up. */
  askOnce<T extends RecordType>(name: string, type: T): Promise<DnsAnswer<RecordData[T]>> {
    return this.#ask(name, type);
  }
}

function normalizeRecords<T extends RecordType>(type: T, raw: RecordData[T]): RecordData[T] {
  switch (type) {
    case "MX":
      // node:dns adds a `type` field to MX objects; keep the answer to its documented shape.
      return (raw as MxRecord[]).map(({ exchange, priority }) => ({ exchange, priority })) as RecordData[T];
    case "TXT":
      return (raw as string[][]).map((chunks) => chunks.map(decodeTxtOctets)) as RecordData[T];
    default:
      return raw;
  }
}

/** Hops followed behind a CNAME-only TXT answer before it is inconclusive (SECURITY.md). */
export const MAX_CNAME_HOPS = 16;

/**
 * node:dns reports a NOERROR answer that holds only CNAMEs as ENODATA. A recursive resolver sends
 * such an answer only when the chain really ends at a name without that type, but an authoritative
 * server (or a broken resolver) sends it for a CNAME loop, a chain longer than it follows, or an alias
 * out of its zones. Reading those as "no record" would report a lie such as spf/missing, so the
 * chain is followed here: a loop or an endless chain is a temporary failure, an alias is answered
 * from its target (RFC 1034 §3.6.2, §4.3.2).
 */
async function followUnresolvedCnames<T extends RecordType>(
  resolver: SystemResolver,
  name: string,
  type: T,
): Promise<DnsAnswer<RecordData[T]>> {
  const seen = new Set<string>([normalizeName(name)]);
  let current = name;
  for (let hop = 0; hop < MAX_CNAME_HOPS; hop++) {
    const alias = await resolver.askOnce(current, "CNAME");
    if (alias.kind === "temperror") return alias;
    const target = alias.kind === "ok" ? alias.records[0] : undefined;
    // No CNAME here: the chain ends at `current`, which has no data of this type.
    if (target === undefined) return { kind: "nodata" };
    const next = normalizeName(target);
    if (seen.has(next)) return { kind: "temperror", reason: `CNAME loop at ${name}` };
    seen.add(next);
    const answer = await resolver.askOnce(next, type);
    if (answer.kind !== "nodata") return answer;
    current = next;
  }
  return { kind: "temperror", reason: `CNAME chain from ${name} longer than ${MAX_CNAME_HOPS} hops` };
}

function describeFailure(code: string, error: unknown): string {
  switch (code) {
    case "ETIMEOUT":
      return "timeout";
    case "ESERVFAIL":
      return "SERVFAIL";
    case "EREFUSED":
      return "REFUSED";
    case "ECONNREFUSED":
      return "connection refused";
    case "EBADNAME":
      return "name cannot be sent in a DNS query";
    case "EBADRESP":
      return "malformed answer";
    default:
      return code || (error instanceof Error ? error.message : String(error));
  }
}
