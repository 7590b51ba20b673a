import { getServers } from "node:dns";
import type { RecordType as WireType } from "dns-packet";
import { CnameChain } from "./cname-chain.js";
import { InFlightLimit } from "./in-flight-limit.js";
import { toSocketAddress } from "./server-address.js";
import type { AnswerFacts, DnsAnswer, RecordData, RecordType, Resolver } from "./types.js";
import { type DecodedMessage, decodeReply, encodeQuery, hasOpt, unsendableName } from "./wire/message.js";
import { readAnswer } from "./wire/read-answer.js";
import { tcpExchange } from "./wire/tcp-exchange.js";
import { randomQueryId, type ServerAddress, UdpExchanger } from "./wire/udp-exchanger.js";

export interface SystemResolverOptions {
  /** Servers as "1.2.3.4", "1.2.3.4:53", "::1" or "[::1]:53"; empty = the system's (/etc/resolv.conf). */
  servers?: string[];
  /** Per-try timeout in milliseconds. */
  timeoutMs?: number;
  /** How many times each server is asked before giving up (a timeout or a lost answer). */
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

/** How many times each server is asked a question before it is a timeout. */
export const DEFAULT_TRIES = 2;

/** What we know of a server's EDNS0: unknown until it answers (or fails) a query with an OPT record. */
interface Server {
  address: ServerAddress;
  edns: "unknown" | "yes" | "no";
}

/** A reply with RCODE NOERROR or NXDOMAIN, or why there is none. */
type Exchange = DecodedMessage | string;

/**
 * The production resolver: a stub that asks the system's recursive servers (or `--resolver`) over
 * UDP with EDNS0 (1232-octet buffer, RFC 6891) and TCP after truncation, and reads every answer
 * itself (src/dns/wire/): names with any octet, empty TXT RRs, TTLs, the AD bit and the CNAME chain.
 *
 * - Servers are tried in order, `tries` rounds; SERVFAIL/REFUSED moves on to the next server (that
 *   server is not asked again for the question), a timeout or a lost answer to the next try.
 * - EDNS0: a server that answers FORMERR to an OPT record (RFC 6891 §7) is asked without one from
 *   then on; one that never answered EDNS and times out gets its next try without it, and once
 *   such a plain try is answered, all later queries to it are plain (servers that drop EDNS).
 * - CNAME chains are read from the answer; where a server stops at a name without data (an
 *   authoritative server at the edge of its zones), that name is asked (`CnameChain`: loops and
 *   over-long chains are temporary failures, never "no record").
 */
export class SystemResolver implements Resolver {
  readonly #servers: Server[];
  readonly #timeoutMs: number;
  readonly #tries: number;
  readonly #inFlight: InFlightLimit;
  readonly #udp: UdpExchanger;
  #cancelled = false;

  constructor(options: SystemResolverOptions = {}) {
    this.#inFlight = new InFlightLimit(options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT);
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
    this.#tries = Math.max(1, options.tries ?? DEFAULT_TRIES);
    this.#udp = new UdpExchanger(this.#timeoutMs);
    const given = options.servers && options.servers.length > 0 ? options.servers : systemServers();
    this.#servers = given.map((value) => {
      const address = toSocketAddress(value);
      if (!address) throw new RangeError(`DNS server ${value}: not an IP address with an optional port`);
      return { address, edns: "unknown" };
    });
  }

  async query<T extends RecordType>(name: string, type: T): Promise<DnsAnswer<RecordData[T]>> {
    const unsendable = unsendableName(name);
    if (unsendable)
      return { kind: "temperror", reason: `name cannot be sent in a DNS query (${unsendable})` };
    const chain = new CnameChain(name);
    let ttl = Number.POSITIVE_INFINITY;
    let validated = true;
    // The first question goes out as written (only ASCII case is insignificant, RFC 4343); then
    // each name where a chain stopped.
    let asked = name;
    for (; ; asked = chain.end) {
      const exchange = await this.#exchange(asked, type as WireType);
      if (typeof exchange === "string") return { kind: "temperror", reason: exchange };
      validated &&= exchange.authenticated;
      const read = readAnswer(exchange, asked, type, chain);
      if (read.kind === "temperror") return read;
      if (read.ttl !== undefined && read.ttl < ttl) ttl = read.ttl;
      if (read.kind === "follow") continue;
      const answer: AnswerFacts & { kind: "ok" | "nxdomain" | "nodata"; records?: unknown } =
        read.kind === "ok" ? { kind: "ok", records: read.records } : { kind: read.kind };
      if (ttl !== Number.POSITIVE_INFINITY) answer.ttl = ttl;
      answer.dnssec = validated ? "validated" : "not validated";
      if (chain.targets.length > 0) answer.cnames = chain.targets;
      return answer as DnsAnswer<RecordData[T]>;
    }
  }

  /** Ends every question: those waiting for a slot and those sent. Nothing more is sent. */
  cancel(): void {
    this.#cancelled = true;
    this.#inFlight.abandonWaiting(Object.assign(new Error("cancelled"), { code: "ECANCELLED" }));
    this.#udp.cancel();
  }

  /** One question to the servers in turn until one gives NOERROR or NXDOMAIN, in a slot of the cap. */
  async #exchange(name: string, type: WireType): Promise<Exchange> {
    if (!this.#inFlight.tryAcquire()) {
      try {
        await this.#inFlight.acquire();
      } catch {
        // Only cancel() rejects: questions still waiting for a slot end as temporary failures.
        return "cancelled";
      }
    }
    try {
      let failure = "timeout";
      let refused: Set<Server> | undefined;
      /** Servers whose EDNS query timed out before they ever answered one: their next try is plain. */
      let plainNext: Set<Server> | undefined;
      for (let attempt = 0; attempt < this.#tries * this.#servers.length; attempt++) {
        const server = this.#servers[attempt % this.#servers.length] as Server;
        if (refused?.has(server)) continue;
        if (this.#cancelled) return "cancelled";
        const edns = server.edns === "yes" || (server.edns === "unknown" && !plainNext?.has(server));
        const outcome = await this.#askServer(server, name, type, edns);
        if (typeof outcome === "string") {
          failure = outcome;
          if (edns && server.edns === "unknown" && outcome === "timeout") {
            plainNext ??= new Set();
            plainNext.add(server);
          }
          continue;
        }
        // Answered without EDNS after an EDNS query went unanswered: it drops EDNS, so no more of it.
        if (!edns && server.edns === "unknown") server.edns = "no";
        const rcode = outcome.rcode;
        if (rcode === "NOERROR" || rcode === "NXDOMAIN") return outcome;
        failure = rcode;
        refused ??= new Set();
        refused.add(server);
      }
      return failure;
    } finally {
      this.#inFlight.release();
    }
  }

  /** One try at one server: UDP, then TCP if the answer was truncated. */
  async #askServer(server: Server, name: string, type: WireType, edns: boolean): Promise<Exchange> {
    // The exchanger writes a fresh random ID into the query.
    const udp = await this.#udp.ask(server.address, encodeQuery(0, name, type, edns));
    if (udp.kind === "message" && edns && udp.message.rcode === "FORMERR" && !hasOpt(udp.message)) {
      // RFC 6891 §7: a server that does not know EDNS0 answers FORMERR; ask it plainly from now on.
      server.edns = "no";
      return this.#askServer(server, name, type, false);
    }
    if (udp.kind === "timeout") return "timeout";
    if (udp.kind === "error") return describeSocketError(udp.code);
    if (udp.kind === "message") {
      // Once a server is known to speak EDNS0, its replies need not be searched for the OPT record.
      if (edns && server.edns !== "yes" && hasOpt(udp.message)) server.edns = "yes";
      if (!udp.message.truncated) return udp.message;
    }
    return this.#askOverTcp(server, name, type, edns);
  }

  async #askOverTcp(server: Server, name: string, type: WireType, edns: boolean): Promise<Exchange> {
    const query = encodeQuery(randomQueryId(), name, type, edns);
    const reply = await tcpExchange(server.address, query, this.#timeoutMs);
    if (reply.kind === "timeout") return "timeout";
    if (reply.kind === "error") return describeSocketError(reply.code);
    return decodeReply(reply.bytes, query) ?? "malformed answer";
  }
}

/** The system's resolvers, as c-ares reads them from /etc/resolv.conf (127.0.0.1 when it lists none). */
function systemServers(): string[] {
  const servers = getServers();
  return servers.length > 0 ? servers : ["127.0.0.1"];
}

function describeSocketError(code: string): string {
  switch (code) {
    case "ECONNREFUSED":
      return "connection refused";
    case "ECONNRESET":
      return "connection closed by the server";
    case "ECANCELLED":
      return "cancelled";
    case "EBADRESP":
      return "malformed answer";
    default:
      return code;
  }
}
