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

interface Pending {
  query: Buffer;
  settle: (outcome: UdpOutcome) => void;
}

/** One connected socket to one server, with the questions waiting on it by ID. */
class Lane {
  readonly pending = new Map<number, Pending>();
  readonly ready: Promise<void>;
  sent = 0;
  closed = false;
  readonly #socket: Socket;

  constructor(
    readonly server: ServerAddress,
    private readonly onIdle: (lane: Lane) => void,
  ) {
    this.#socket = createSocket(server.family === 6 ? "udp6" : "udp4");
    // Open sockets alone must not keep the process alive: each waiting question has its own timer.
    this.#socket.unref();
    this.#socket.on("message", (bytes, peer) => this.#receive(bytes, peer.port));
    this.#socket.on("error", (error: NodeJS.ErrnoException) => this.#fail(error.code ?? "socket error"));
    this.ready = new Promise((resolve) => {
      this.#socket.connect(server.port, server.host, () => {
        try {
          this.#socket.setRecvBufferSize(RECEIVE_BUFFER_OCTETS);
        } catch {
          // Kept at the system's default size; answers are still read, bursts may be dropped sooner.
        }
        resolve();
      });
    });
  }

  send(id: number, query: Buffer, pending: Pending): void {
    this.pending.set(id, pending);
    this.sent++;
    // No callback: a failed send surfaces as the socket's 'error' (which fails the lane), and a
    // callback per datagram cost measurable CPU.
    this.#socket.send(query);
  }

  /** Ends one question early (its timer fired). */
  forget(id: number): void {
    this.pending.delete(id);
    this.#closeIfDone();
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
    const id = bytes.readUInt16BE(0);
    const pending = this.pending.get(id);
    if (!pending) return;
    const message = decodeReply(bytes, pending.query);
    if (!message) {
      // Not our answer (or undecodable): ignored like any forgery, unless it is a truncated reply
      // with our ID that could not be read further (then TCP will tell).
      if (((bytes[2] as number) & 0x82) === 0x82) this.#settle(id, { kind: "truncated" });
      return;
    }
    this.#settle(id, { kind: "message", message });
  }

  #settle(id: number, outcome: UdpOutcome): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    pending.settle(outcome);
    this.#closeIfDone();
  }

  /** A socket error (ICMP port unreachable on a connected socket) fails everything waiting on it. */
  #fail(code: string): void {
    for (const id of [...this.pending.keys()]) this.#settle(id, { kind: "error", code });
    this.sent = QUERIES_PER_SOCKET; // retire it
    this.#closeIfDone();
  }

  #closeIfDone(): void {
    if (this.sent >= QUERIES_PER_SOCKET && this.pending.size === 0) {
      this.close();
      this.onIdle(this);
    }
  }
}

/** Sends questions over UDP and waits for their own answers, one open lane per server at a time. */
export class UdpExchanger {
  readonly #lanes = new Map<string, Lane>();
  readonly #retired = new Set<Lane>();

  /**
   * Sends the query built by `encode(id)` to `server` and resolves with the first reply that
   * answers it (its ID and question), or a timeout after `timeoutMs`.
   */
  async ask(server: ServerAddress, encode: (id: number) => Buffer, timeoutMs: number): Promise<UdpOutcome> {
    const lane = this.#laneFor(server);
    await lane.ready;
    if (lane.closed) return { kind: "error", code: "ECANCELLED" };
    let id = randomQueryId();
    while (lane.pending.has(id)) id = randomQueryId();
    return new Promise<UdpOutcome>((resolve) => {
      const timer = setTimeout(() => {
        lane.forget(id);
        resolve({ kind: "timeout" });
      }, timeoutMs);
      const query = encode(id);
      lane.send(id, query, {
        query,
        settle: (outcome) => {
          clearTimeout(timer);
          resolve(outcome);
        },
      });
    });
  }

  /** Ends every waiting question (as ECANCELLED) and closes every socket. */
  cancel(): void {
    for (const lane of [...this.#lanes.values(), ...this.#retired]) lane.cancel();
    this.#lanes.clear();
    this.#retired.clear();
  }

  #laneFor(server: ServerAddress): Lane {
    const key = `${server.host} ${server.port}`;
    const current = this.#lanes.get(key);
    if (current && !current.closed && current.sent < QUERIES_PER_SOCKET) return current;
    if (current && !current.closed) this.#retired.add(current);
    const lane = new Lane(server, (idle) => this.#retired.delete(idle));
    this.#lanes.set(key, lane);
    return lane;
  }
}

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
