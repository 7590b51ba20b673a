/**
 * Questions over UDP, written on `node:dgram` because no npm client does what a stub must
 * (dns2's sends no EDNS0, ignores IPv6 servers by default and cannot be given a timeout after TC;
 * README, "Dependency notes"). Spoofing resistance as in RFC 5452 §9: every query gets a random ID
 * and goes out of a socket bound to a random ephemeral port that is replaced after a few queries;
 * sockets are connected, so the kernel drops datagrams from any other address (and the port is
 * checked again here); a reply must echo our ID and our question, anything else is ignored and the
 * real answer (or the timeout) is still awaited.
 */
import { randomFillSync } from "node:crypto";
import { createSocket, type Socket } from "node:dgram";
import { DeadlineQueue, type Expiring } from "./deadline-queue.js";
import { type DecodedMessage, decodeReply } from "./message.js";

export interface ServerAddress {
  host: string;
  port: number;
  family: 4 | 6;
}

export type UdpOutcome =
  | { kind: "message"; message: DecodedMessage }
  /** TC=1 in a reply that could not be decoded further (some servers cut the datagram mid-record). */
  | { kind: "truncated" }
  | { kind: "timeout" }
  | { kind: "error"; code: string };

/** After this many queries a socket takes no new ones: the next query gets a fresh random port. */
const QUERIES_PER_SOCKET = 64;
/** Room for a full burst of answers (128 in flight × 1232 octets) with margin; the kernel may cap it. */
const RECEIVE_BUFFER_OCTETS = 1 << 20;
const CANCELLED: UdpOutcome = { kind: "error", code: "ECANCELLED" };
const TIMEOUT: UdpOutcome = { kind: "timeout" };

/**
 * Who asked a question: told its outcome by a call, once. No promise per try: the resolver's own
 * question is one promise with callbacks inside (src/dns/lookup.ts).
 */
export interface UdpWaiter {
  udpAnswered(outcome: UdpOutcome): void;
}

/** One query on its way: sent (or waiting for its socket to connect) and not yet answered. */
class Question implements Expiring {
  settled = false;

  constructor(
    readonly id: number,
    /** Kept to check the answer's question against (cleared once settled). */
    public query: Buffer,
    readonly lane: Lane,
    readonly deadline: number,
    /** Cleared once settled: settled questions may stay listed until the deadline queue passes them. */
    public waiter: UdpWaiter | undefined,
  ) {}
}

/** One connected socket to one server, with the questions waiting on it by ID. */
class Lane {
  readonly pending = new Map<number, Question>();
  sent = 0;
  closed = false;
  #connected = false;
  /** Questions sent before the socket was connected, in order. */
  #backlog: Question[] = [];
  readonly #socket: Socket;

  constructor(
    readonly server: ServerAddress,
    private readonly settle: (question: Question, outcome: UdpOutcome) => void,
    private readonly onIdle: (lane: Lane) => void,
  ) {
    this.#socket = createSocket(server.family === 6 ? "udp6" : "udp4");
    // Open sockets alone must not keep the process alive: the exchanger's timer does while
    // questions wait.
    this.#socket.unref();
    this.#socket.on("message", (bytes, peer) => this.#receive(bytes, peer.port));
    this.#socket.on("error", (error: NodeJS.ErrnoException) => this.#fail(error.code ?? "socket error"));
    this.#socket.connect(server.port, server.host, () => {
      try {
        this.#socket.setRecvBufferSize(RECEIVE_BUFFER_OCTETS);
      } catch {
        // Kept at the system's default size; answers are still read, bursts may be dropped sooner.
      }
      this.#connected = true;
      for (const question of this.#backlog) if (!question.settled) this.#socket.send(question.query);
      this.#backlog = [];
    });
  }

  /** A question asked on this lane: it waits here for its answer from now on. */
  register(question: Question): void {
    this.pending.set(question.id, question);
    this.sent++;
  }

  /** Puts a registered question on the wire (or in the backlog until the socket is connected). */
  transmit(question: Question): void {
    // No callback: a failed send surfaces as the socket's 'error' (which fails the lane), and a
    // callback per datagram cost measurable CPU.
    if (this.#connected) this.#socket.send(question.query);
    else this.#backlog.push(question);
  }

  /** A question of this lane was settled (by its answer, its deadline or a failure). */
  forget(id: number): void {
    this.pending.delete(id);
    this.#retireIfDone();
  }

  /** Ends every question waiting here at once, and the socket with them. */
  cancel(): void {
    this.#fail("ECANCELLED");
    this.close();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.#socket.close();
  }

  #receive(bytes: Buffer, port: number): void {
    // The socket is connected: the kernel delivers datagrams from the server's address only
    // (connect(2)), whatever spelling of an IPv6 address the user gave.
    if (port !== this.server.port || bytes.length < 12) return;
    const question = this.pending.get(((bytes[0] as number) << 8) | (bytes[1] as number));
    if (!question) return;
    const message = decodeReply(bytes, question.query);
    if (!message) {
      // Not our answer (or undecodable): ignored like any forgery, unless it is a truncated reply
      // with our ID that could not be read further (then TCP will tell).
      if (((bytes[2] as number) & 0x82) === 0x82) this.settle(question, { kind: "truncated" });
      return;
    }
    this.settle(question, { kind: "message", message });
  }

  /** A socket error (ICMP port unreachable on a connected socket) fails everything waiting on it. */
  #fail(code: string): void {
    this.sent = QUERIES_PER_SOCKET; // retire it
    const outcome: UdpOutcome = code === "ECANCELLED" ? CANCELLED : { kind: "error", code };
    for (const question of [...this.pending.values()]) this.settle(question, outcome);
    this.#retireIfDone();
  }

  #retireIfDone(): void {
    if (this.sent >= QUERIES_PER_SOCKET && this.pending.size === 0 && !this.closed) {
      this.close();
      this.onIdle(this);
    }
  }
}

/**
 * Sends questions over UDP and waits for their own answers, one open lane per server at a time.
 * Every question waits `timeoutMs` at most; one timer serves them all (deadline-queue.ts).
 */
export class UdpExchanger {
  /** By the caller's server object: a string key per question cost a concatenation and its hashing. */
  readonly #lanes = new Map<ServerAddress, Lane>();
  readonly #retired = new Set<Lane>();
  readonly #timeoutMs: number;
  readonly #deadlines = new DeadlineQueue<Question>((question) => this.#settle(question, TIMEOUT));
  /**
   * Questions asked since the last flush. They go out together once the event loop has read every
   * answer waiting (setImmediate runs after the poll phase): sent one at a time between reads, as
   * each answer's waiter asked again, nearly every datagram found the server's thread asleep and
   * paid for waking it (`perf`: ~4.7 us of kernel time per question against NSD on loopback). c-ares
   * (node:dns) reads all its answers before it sends again, and so sends in bursts.
   */
  readonly #unsent: Question[] = [];
  #flushScheduled = false;

  constructor(timeoutMs: number) {
    this.#timeoutMs = timeoutMs;
  }

  /**
   * Sends `query` (a message we built; its first two octets are overwritten with a fresh random ID)
   * to `server` and tells `waiter` the first reply that answers it (its ID and question), or a
   * timeout after the exchanger's `timeoutMs`. The waiter is called from inside the exchanger's
   * event handlers and may ask again at once. `server` must be the same object for every question
   * to that server (it keys the server's socket).
   */
  ask(server: ServerAddress, query: Buffer, waiter: UdpWaiter): void {
    const lane = this.#laneFor(server);
    let id = randomQueryId();
    while (lane.pending.has(id)) id = randomQueryId();
    query[0] = id >>> 8;
    query[1] = id & 0xff;
    const question = new Question(id, query, lane, performance.now() + this.#timeoutMs, waiter);
    this.#deadlines.add(question);
    lane.register(question);
    this.#unsent.push(question);
    if (!this.#flushScheduled) {
      this.#flushScheduled = true;
      setImmediate(this.#flush);
    }
  }

  readonly #flush = (): void => {
    this.#flushScheduled = false;
    const unsent = this.#unsent;
    // Sending calls nobody back (errors come as the socket's 'error' event), so nothing is added
    // to the list while it is walked. A question settled meanwhile (cancelled, its lane failed)
    // is not sent.
    for (const question of unsent) if (!question.settled) question.lane.transmit(question);
    unsent.length = 0;
  };

  /** Ends every waiting question (as ECANCELLED) and closes every socket. */
  cancel(): void {
    for (const lane of [...this.#lanes.values(), ...this.#retired]) lane.cancel();
    this.#lanes.clear();
    this.#retired.clear();
  }

  #settle = (question: Question, outcome: UdpOutcome): void => {
    if (question.settled) return;
    question.settled = true;
    const waiter = question.waiter as UdpWaiter;
    // Settled questions may stay listed until the deadline queue passes them: keep them small.
    question.waiter = undefined;
    question.query = EMPTY;
    question.lane.forget(question.id);
    this.#deadlines.closed();
    waiter.udpAnswered(outcome);
  };

  #laneFor(server: ServerAddress): Lane {
    const current = this.#lanes.get(server);
    if (current && !current.closed && current.sent < QUERIES_PER_SOCKET) return current;
    if (current && !current.closed) this.#retired.add(current);
    const lane = new Lane(server, this.#settle, (idle) => this.#retired.delete(idle));
    this.#lanes.set(server, lane);
    return lane;
  }
}

const EMPTY = Buffer.alloc(0);

const idPool = new Uint16Array(256);
let idsLeft = 0;

/** A query ID from the system's CSPRNG, drawn 256 at a time (one call per query cost measurable CPU). */
export function randomQueryId(): number {
  if (idsLeft === 0) {
    randomFillSync(idPool);
    idsLeft = idPool.length;
  }
  return idPool[--idsLeft] as number;
}
