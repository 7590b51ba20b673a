/**
 * A hostile DNS server on 127.0.0.1 for tests, written on raw `node:dgram` + `node:net` so that it
 * can break the protocol in ways a well-behaved server library refuses to: garbage packets, answers
 * with the wrong ID, truncation that never ends (TC=1 over UDP, a TCP side that hangs or hangs up),
 * CNAME chains and loops in the answer section, answers as large as a DNS message can be, answers
 * slower than any timeout, SERVFAIL storms. UDP and TCP share one port chosen at run time; `close()`
 * ends every socket and pending timer it started.
 *
 * Wire format: RFC 1035 §4.1 (header, question, resource records), §4.2.2 (TCP length prefix).
 */
import { createSocket } from "node:dgram";
import { createServer, type Socket } from "node:net";
import { listenUdpAndTcp, onFreePort } from "./ports.js";

export type Rcode = "NOERROR" | "FORMERR" | "SERVFAIL" | "NXDOMAIN" | "REFUSED";

/** A resource record to put in the answer section. `name` defaults to the question's name. */
export type Answer =
  | { type: "TXT"; name?: string; strings: (string | Buffer)[]; ttl?: number }
  | { type: "CNAME"; name?: string; target: string; ttl?: number }
  | { type: "A"; name?: string; address: string; ttl?: number };

/** What the server does with one question. */
export type Behaviour =
  /** A well-formed answer (an empty list with NOERROR is NODATA); `authenticated` sets the AD bit. */
  | { kind: "answer"; rcode?: Rcode; answers?: Answer[]; authenticated?: boolean }
  /** Random bytes; with `keepId`, the first two bytes echo the query ID so the client reads further. */
  | { kind: "garbage"; keepId?: boolean; length?: number }
  /** The right answer under a different message ID (a spoofing attempt, or a confused server). */
  | { kind: "wrong-id"; answers?: Answer[] }
  /** UDP says TC=1 every time; over TCP the server never answers ("hang") or closes at once ("close"). */
  | { kind: "truncated"; tcp: "hang" | "close" | "garbage" }
  /** Answers over UDP with TC=1 and over TCP in full: for answers too large for a datagram. */
  | { kind: "tcp-only"; answers: Answer[] }
  /** Answers after `delayMs` (well past the client's timeout). */
  | { kind: "slow"; delayMs: number; answers?: Answer[] }
  /** Never answers at all. */
  | { kind: "silent" }
  /** A server from before EDNS0: a query with an OPT record is dropped, or answered FORMERR (RFC 6891 §7). */
  | { kind: "no-edns"; reply: "drop" | "formerr"; answers: Answer[] }
  /**
   * Forgeries first, then the truth after `delayMs`: the forged answer under a wrong ID, under the
   * right ID for another question, and under the right ID and question from another port.
   */
  | { kind: "spoofed"; forged: Answer[]; answers: Answer[]; delayMs: number };

export interface Question {
  name: string;
  type: string;
  transport: "udp" | "tcp";
  /** The query carried an EDNS0 OPT record. */
  edns: boolean;
}

/** One received query as the server saw it on the wire. */
export interface ReceivedQuery extends Question {
  id: number;
  /** The client's source port. */
  port: number;
}

export interface AdversarialServer {
  /** "127.0.0.1:<port>", ready for `--resolver`. */
  address: string;
  port: number;
  /** Every question received, as "transport TYPE name". */
  queries: string[];
  /** Every question received, with its ID, source port and EDNS0. */
  received: ReceivedQuery[];
  close(): Promise<void>;
}

const TYPE_CODES: Record<string, number> = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  PTR: 12,
  MX: 15,
  TXT: 16,
  AAAA: 28,
  OPT: 41,
};
const TYPE_NAMES = new Map(Object.entries(TYPE_CODES).map(([name, code]) => [code, name]));
const RCODES: Record<Rcode, number> = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, REFUSED: 5 };
/** Largest DNS message over TCP (a 16-bit length prefix, RFC 1035 §4.2.2). */
export const MAX_TCP_MESSAGE = 65_535;

export async function startAdversarialServer(
  behaviourFor: (question: Question) => Behaviour,
): Promise<AdversarialServer> {
  const queries: string[] = [];
  const received: ReceivedQuery[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();
  const later = (ms: number, action: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      action();
    }, ms);
    timers.add(timer);
  };

  /** Sends from a socket other than the server's (a spoofer beside it). */
  let sendFromElsewhere: (message: Buffer) => void = () => {};
  const respond = (
    query: Buffer,
    transport: "udp" | "tcp",
    port: number,
    send: (message: Buffer) => void,
    hangUp: () => void,
  ) => {
    const parsed = parseQuery(query);
    if (!parsed) return send(garbage(32));
    const question: Question = { name: parsed.name, type: parsed.type, transport, edns: parsed.edns };
    queries.push(`${transport} ${parsed.type} ${parsed.name}`);
    received.push({ ...question, id: parsed.id, port });
    const behaviour = behaviourFor(question);
    switch (behaviour.kind) {
      case "answer":
        return send(
          message(parsed, {
            rcode: behaviour.rcode ?? "NOERROR",
            answers: behaviour.answers ?? [],
            authenticated: behaviour.authenticated ?? false,
          }),
        );
      case "garbage": {
        const bytes = garbage(behaviour.length ?? 40);
        if (behaviour.keepId) query.copy(bytes, 0, 0, 2);
        return send(bytes);
      }
      case "wrong-id":
        return send(
          message(
            { ...parsed, id: (parsed.id + 1) & 0xffff },
            { rcode: "NOERROR", answers: behaviour.answers ?? [] },
          ),
        );
      case "truncated":
        if (transport === "udp")
          return send(message(parsed, { rcode: "NOERROR", answers: [], truncated: true }));
        if (behaviour.tcp === "close") return hangUp();
        if (behaviour.tcp === "garbage") return send(garbage(64));
        return; // hang: keep the connection open, say nothing
      case "tcp-only":
        if (transport === "udp")
          return send(message(parsed, { rcode: "NOERROR", answers: [], truncated: true }));
        return send(message(parsed, { rcode: "NOERROR", answers: behaviour.answers }));
      case "slow":
        return later(behaviour.delayMs, () =>
          send(message(parsed, { rcode: "NOERROR", answers: behaviour.answers ?? [] })),
        );
      case "silent":
        return;
      case "no-edns":
        if (!parsed.edns) return send(message(parsed, { rcode: "NOERROR", answers: behaviour.answers }));
        if (behaviour.reply === "formerr") return send(message(parsed, { rcode: "FORMERR", answers: [] }));
        return;
      case "spoofed": {
        const forged = (q: ParsedQuery) => message(q, { rcode: "NOERROR", answers: behaviour.forged });
        send(forged({ ...parsed, id: (parsed.id + 1) & 0xffff }));
        send(forged({ ...parsed, questionBytes: otherQuestion(parsed), name: `x.${parsed.name}` }));
        sendFromElsewhere(forged(parsed));
        return later(behaviour.delayMs, () =>
          send(message(parsed, { rcode: "NOERROR", answers: behaviour.answers })),
        );
      }
    }
  };

  return onFreePort(async (port) => {
    const udp = createSocket("udp4");
    const spoofer = createSocket("udp4");
    let lastPeer = { port: 0, address: "127.0.0.1" };
    sendFromElsewhere = (m) => spoofer.send(m, lastPeer.port, lastPeer.address);
    udp.on("message", (query, peer) => {
      lastPeer = peer;
      respond(
        query,
        "udp",
        peer.port,
        (m) => udp.send(m.subarray(0, Math.min(m.length, 65_507)), peer.port, peer.address),
        () => {},
      );
    });
    const tcp = createServer((socket) => {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => socket.destroy());
      let buffered = Buffer.alloc(0);
      socket.on("data", (data) => {
        buffered = Buffer.concat([buffered, data]);
        while (buffered.length >= 2) {
          const length = buffered.readUInt16BE(0);
          if (buffered.length < 2 + length) break;
          const query = buffered.subarray(2, 2 + length);
          buffered = buffered.subarray(2 + length);
          respond(
            query,
            "tcp",
            socket.remotePort ?? 0,
            (m) => {
              if (socket.destroyed) return;
              const prefix = Buffer.alloc(2);
              prefix.writeUInt16BE(Math.min(m.length, MAX_TCP_MESSAGE));
              socket.write(Buffer.concat([prefix, m.subarray(0, MAX_TCP_MESSAGE)]));
            },
            () => socket.destroy(),
          );
        }
      });
    });
    await listenUdpAndTcp(udp, tcp, port);
    return {
      address: `127.0.0.1:${port}`,
      port,
      queries,
      received,
      async close() {
        for (const timer of timers) clearTimeout(timer);
        spoofer.close();
        timers.clear();
        for (const socket of sockets) socket.destroy();
        await Promise.all([
          new Promise<void>((resolve) => udp.close(() => resolve())),
          new Promise<void>((resolve) => tcp.close(() => resolve())),
        ]);
      },
    };
  });
}

interface ParsedQuery {
  id: number;
  /** The question section as received, echoed in the answer. */
  questionBytes: Buffer;
  name: string;
  type: string;
  recursionDesired: boolean;
  /** An OPT record (type 41) follows the question in the additional section (RFC 6891 §6.1.1). */
  edns: boolean;
}

/** Reads the header and first question of a query (RFC 1035 §4.1.1, §4.1.2); undefined if malformed. */
function parseQuery(query: Buffer): ParsedQuery | undefined {
  if (query.length < 12 || query.readUInt16BE(4) < 1) return undefined;
  const labels: string[] = [];
  let at = 12;
  while (at < query.length) {
    const length = query[at] as number;
    if (length === 0) break;
    if (length > 63 || at + 1 + length > query.length) return undefined;
    labels.push(query.toString("latin1", at + 1, at + 1 + length));
    at += 1 + length;
  }
  if (at + 5 > query.length) return undefined;
  const typeCode = query.readUInt16BE(at + 1);
  // The OPT record's owner is the root: one zero octet, then its type.
  const edns = query.readUInt16BE(10) > 0 && query.length >= at + 8 && query.readUInt16BE(at + 6) === 41;
  return {
    id: query.readUInt16BE(0),
    questionBytes: query.subarray(12, at + 5),
    name: labels.join(".").toLowerCase(),
    type: TYPE_NAMES.get(typeCode) ?? String(typeCode),
    recursionDesired: ((query[2] as number) & 0x01) !== 0,
    edns,
  };
}

function message(
  query: ParsedQuery,
  options: { rcode: Rcode; answers: Answer[]; truncated?: boolean; authenticated?: boolean },
): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(query.id, 0);
  // QR=1, opcode 0, AA=1, TC, RD echoed; RA=1, AD, rcode.
  header[2] = 0x80 | 0x04 | (options.truncated ? 0x02 : 0) | (query.recursionDesired ? 0x01 : 0);
  header[3] = 0x80 | (options.authenticated ? 0x20 : 0) | RCODES[options.rcode];
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(options.answers.length, 6);
  const records = options.answers.map((answer) => resourceRecord(answer, query.name));
  return Buffer.concat([header, query.questionBytes, ...records]);
}

function resourceRecord(answer: Answer, questionName: string): Buffer {
  const name = encodeName(answer.name ?? questionName);
  let data: Buffer;
  switch (answer.type) {
    case "TXT":
      data = Buffer.concat(
        answer.strings.map((s) => {
          const bytes = typeof s === "string" ? Buffer.from(s, "utf8") : s;
          if (bytes.length > 255) throw new Error("a TXT character-string holds at most 255 octets");
          return Buffer.concat([Buffer.from([bytes.length]), bytes]);
        }),
      );
      break;
    case "CNAME":
      data = encodeName(answer.target);
      break;
    case "A":
      data = Buffer.from(answer.address.split(".").map(Number));
      break;
  }
  const fixed = Buffer.alloc(10);
  fixed.writeUInt16BE(TYPE_CODES[answer.type] as number, 0);
  fixed.writeUInt16BE(1, 2); // class IN
  fixed.writeUInt32BE(answer.ttl ?? 300, 4);
  fixed.writeUInt16BE(data.length, 8);
  return Buffer.concat([name, fixed, data]);
}

function encodeName(name: string): Buffer {
  const labels = name
    .replace(/\.$/, "")
    .split(".")
    .filter((l) => l !== "");
  return Buffer.concat([
    ...labels.map((l) =>
      Buffer.concat([Buffer.from([Buffer.byteLength(l, "latin1")]), Buffer.from(l, "latin1")]),
    ),
    Buffer.from([0]),
  ]);
}

/** The question section of `query` with one more label in front of its name ("x" + name). */
function otherQuestion(query: ParsedQuery): Buffer {
  return Buffer.concat([Buffer.from([1]), Buffer.from("x"), query.questionBytes]);
}

/** Deterministic junk (a fixed linear congruential sequence), so a failing run can be replayed. */
function garbage(length: number): Buffer {
  const bytes = Buffer.alloc(length);
  let state = 0x2545f491;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

/** TXT records that together fill about `targetBytes` of a DNS message (each string 255 octets). */
export function bulkyTxtAnswers(targetBytes: number, first: string[] = []): Answer[] {
  const answers: Answer[] = first.map((s) => ({ type: "TXT", strings: [s] }));
  const filler = "x".repeat(250);
  // Each RR costs its name (≤ ~40 octets here), 10 fixed octets and 1 + 250 of data.
  const count = Math.floor(targetBytes / 320);
  for (let i = 0; i < count; i++)
    answers.push({ type: "TXT", strings: [`${String(i).padStart(4, "0")} ${filler}`.slice(0, 255)] });
  return answers;
}
