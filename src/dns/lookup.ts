/**
 * One question's way through `SystemResolver`: a slot of the in-flight cap, the servers in turn,
 * EDNS0 and its fallbacks, TCP after truncation, and the names a CNAME chain stops at. It is one
 * promise for its caller and callbacks inside: three nested async functions (the question, one
 * exchange, one try) cost a promise, a closure and a microtask each per question, a measurable part
 * of the client's CPU against node:dns (BENCHMARKS.md, issue 18).
 */
import type { RecordType as WireType } from "dns-packet";
import { CnameChain } from "./cname-chain.js";
import type { InFlightLimit, SlotWaiter } from "./in-flight-limit.js";
import type { AnswerFacts, DnsAnswer, RecordData, RecordType } from "./types.js";
import { type DecodedMessage, decodeReply, encodeQuery, hasOpt } from "./wire/message.js";
import { readAnswer } from "./wire/read-answer.js";
import { type TcpOutcome, tcpExchange } from "./wire/tcp-exchange.js";
import {
  randomQueryId,
  type ServerAddress,
  type UdpExchanger,
  type UdpOutcome,
  type UdpWaiter,
} from "./wire/udp-exchanger.js";

/** What we know of a server's EDNS0: unknown until it answers (or fails) a query with an OPT record. */
export interface Server {
  address: ServerAddress;
  edns: "unknown" | "yes" | "no";
}

/** What every lookup of one resolver shares. */
export interface LookupContext {
  readonly servers: Server[];
  readonly tries: number;
  readonly timeoutMs: number;
  readonly inFlight: InFlightLimit;
  readonly udp: UdpExchanger;
  /** True once the resolver was cancelled: nothing more is sent. */
  readonly cancelled: boolean;
}

type Answer = DnsAnswer<RecordData[RecordType]>;

/**
 * - Servers are tried in order, `tries` rounds; SERVFAIL/REFUSED moves on to the next server (that
 *   server is not asked again for the question), a timeout or a lost answer to the next try.
 * - EDNS0: a server that answers FORMERR to an OPT record (RFC 6891 §7) is asked without one from
 *   then on; one that never answered EDNS and times out gets its next try without it, and once
 *   such a plain try is answered, all later queries to it are plain (servers that drop EDNS).
 * - The slot of the cap is held for one exchange (one name asked), as the questions of a CNAME
 *   chain's later names queue again.
 */
export class Lookup implements UdpWaiter, SlotWaiter {
  /** Settles with the answer: values, never a rejection, unless our own code throws. */
  readonly promise: Promise<Answer>;
  readonly #context: LookupContext;
  readonly #type: RecordType;
  readonly #resolve: (answer: Answer) => void;
  readonly #reject: (error: unknown) => void;
  readonly #chain: CnameChain;
  /** The name this exchange asks: first as the caller wrote it, then where a chain stopped. */
  #asked: string;
  #ttl = Number.POSITIVE_INFINITY;
  #validated = true;
  #holdsSlot = false;
  // One exchange (one name, the servers in turn):
  #attempt = 0;
  #failure = "timeout";
  /** Servers that answered SERVFAIL/REFUSED (or another RCODE) for this name: not asked again. */
  #refused: Server[] | undefined;
  /** Servers whose EDNS query timed out before they ever answered one: their next try is plain. */
  #plainNext: Server[] | undefined;
  // One try:
  #server: Server | undefined;
  #edns = false;

  constructor(context: LookupContext, name: string, type: RecordType) {
    this.#context = context;
    this.#type = type;
    this.#asked = name;
    this.#chain = new CnameChain(name);
    this.promise = new Promise<Answer>(captureSettlers);
    this.#resolve = capturedResolve as (answer: Answer) => void;
    this.#reject = capturedReject as (error: unknown) => void;
    try {
      this.#startExchange();
    } catch (error) {
      this.#fail(error);
    }
  }

  slotGranted(): void {
    this.#holdsSlot = true;
    try {
      this.#nextTry();
    } catch (error) {
      this.#fail(error);
    }
  }

  slotAbandoned(): void {
    // Only cancel() abandons: questions still waiting for a slot end as temporary failures.
    this.#resolve({ kind: "temperror", reason: "cancelled" });
  }

  udpAnswered(outcome: UdpOutcome): void {
    try {
      this.#onUdp(outcome);
    } catch (error) {
      this.#fail(error);
    }
  }

  /** A throw of our own: the promise rejects, as an async function's would, and the slot is freed. */
  #fail(error: unknown): void {
    if (this.#holdsSlot) {
      this.#holdsSlot = false;
      this.#context.inFlight.release();
    }
    this.#reject(error);
  }

  #startExchange(): void {
    this.#attempt = 0;
    this.#failure = "timeout";
    this.#refused = undefined;
    this.#plainNext = undefined;
    if (this.#context.inFlight.tryAcquire()) {
      this.#holdsSlot = true;
      this.#nextTry();
    } else this.#context.inFlight.wait(this);
  }

  /** The next server to ask (in this slot), or the end of the exchange when none is left. */
  #nextTry(): void {
    const { servers, tries } = this.#context;
    while (this.#attempt < tries * servers.length) {
      const server = servers[this.#attempt++ % servers.length] as Server;
      if (this.#refused?.includes(server)) continue;
      if (this.#context.cancelled) {
        this.#exchangeDone("cancelled");
        return;
      }
      const edns = server.edns === "yes" || (server.edns === "unknown" && !this.#plainNext?.includes(server));
      this.#askUdp(server, edns);
      return;
    }
    this.#exchangeDone(this.#failure);
  }

  #askUdp(server: Server, edns: boolean): void {
    this.#server = server;
    this.#edns = edns;
    // The exchanger writes a fresh random ID into the query.
    this.#context.udp.ask(server.address, encodeQuery(0, this.#asked, this.#type as WireType, edns), this);
  }

  #onUdp(outcome: UdpOutcome): void {
    const server = this.#server as Server;
    const edns = this.#edns;
    if (outcome.kind === "message") {
      const message = outcome.message;
      if (edns && message.rcode === "FORMERR" && !hasOpt(message)) {
        // RFC 6891 §7: a server that does not know EDNS0 answers FORMERR; ask it plainly from now on.
        server.edns = "no";
        this.#askUdp(server, false);
        return;
      }
      // Once a server is known to speak EDNS0, its replies need not be searched for the OPT record.
      if (edns && server.edns !== "yes" && hasOpt(message)) server.edns = "yes";
      if (!message.truncated) {
        this.#tryAnswered(message);
        return;
      }
    } else if (outcome.kind === "timeout") {
      this.#tryFailed("timeout");
      return;
    } else if (outcome.kind === "error") {
      this.#tryFailed(describeSocketError(outcome.code));
      return;
    }
    this.#askOverTcp(server, edns);
  }

  #askOverTcp(server: Server, edns: boolean): void {
    const query = encodeQuery(randomQueryId(), this.#asked, this.#type as WireType, edns);
    // Rare (EDNS0 makes truncation rare): a closure and a promise here cost nothing that matters.
    tcpExchange(server.address, query, this.#context.timeoutMs).then(
      (reply) => {
        try {
          this.#onTcp(reply, query);
        } catch (error) {
          this.#fail(error);
        }
      },
      (error: unknown) => this.#fail(error),
    );
  }

  #onTcp(reply: TcpOutcome, query: Buffer): void {
    if (reply.kind === "timeout") {
      this.#tryFailed("timeout");
      return;
    }
    if (reply.kind === "error") {
      this.#tryFailed(describeSocketError(reply.code));
      return;
    }
    const message = decodeReply(reply.bytes, query);
    if (!message) {
      this.#tryFailed("malformed answer");
      return;
    }
    this.#tryAnswered(message);
  }

  /** This try got no reply: the next server (or round). */
  #tryFailed(reason: string): void {
    const server = this.#server as Server;
    this.#failure = reason;
    if (this.#edns && server.edns === "unknown" && reason === "timeout") {
      this.#plainNext ??= [];
      this.#plainNext.push(server);
    }
    this.#nextTry();
  }

  #tryAnswered(message: DecodedMessage): void {
    const server = this.#server as Server;
    // Answered without EDNS after an EDNS query went unanswered: it drops EDNS, so no more of it.
    if (!this.#edns && server.edns === "unknown") server.edns = "no";
    const rcode = message.rcode;
    if (rcode === "NOERROR" || rcode === "NXDOMAIN") {
      this.#exchangeDone(message);
      return;
    }
    this.#failure = rcode;
    this.#refused ??= [];
    this.#refused.push(server);
    this.#nextTry();
  }

  /** The exchange for `#asked` is over: give the slot back, then read it (or ask where a chain stopped). */
  #exchangeDone(exchange: DecodedMessage | string): void {
    this.#holdsSlot = false;
    this.#context.inFlight.release();
    if (typeof exchange === "string") {
      this.#resolve({ kind: "temperror", reason: exchange });
      return;
    }
    this.#validated &&= exchange.authenticated;
    const asked = this.#asked;
    const read = readAnswer(exchange, asked, this.#type, this.#chain);
    if (read.kind === "temperror") {
      this.#resolve(read);
      return;
    }
    if (read.ttl !== undefined && read.ttl < this.#ttl) this.#ttl = read.ttl;
    if (read.kind === "follow") {
      this.#asked = this.#chain.end;
      this.#startExchange();
      return;
    }
    const answer: AnswerFacts & { kind: "ok" | "nxdomain" | "nodata"; records?: unknown } =
      read.kind === "ok" ? { kind: "ok", records: read.records } : { kind: read.kind };
    if (this.#ttl !== Number.POSITIVE_INFINITY) answer.ttl = this.#ttl;
    answer.dnssec = this.#validated ? "validated" : "not validated";
    if (this.#chain.targets.length > 0) answer.cnames = this.#chain.targets;
    this.#resolve(answer as Answer);
  }
}

// A promise's settling functions, taken out of its executor without a closure per question.
let capturedResolve: unknown;
let capturedReject: unknown;
function captureSettlers(resolve: (answer: Answer) => void, reject: (error: unknown) => void): void {
  capturedResolve = resolve;
  capturedReject = reject;
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
