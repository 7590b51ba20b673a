/**
 * DNS messages on the wire, ours end to end (README, "Dependency notes"; each part measured with
 * bench/throughput.js or required):
 * - the query: a header, one question and an OPT record (RFC 1035 §4.1, RFC 6891 §6.1.2), built in
 *   one buffer; dns-packet's general encoder cost more than the rest of a query's CPU together;
 * - reading a reply in the order a stub needs it: ID and question compared as octets with the query
 *   (a forgery or a misdirected reply is dropped before anything is decoded, RFC 5452 §4.3), then
 *   the answer section's record headers (wire-record.ts); names and data become strings only for
 *   the records a question reads (its type and CNAMEs), and the authority and additional sections
 *   are read only when asked for (a negative answer's SOA, the OPT record);
 * - the name rules dns-packet leaves to its caller (it writes a 64-octet label without complaint).
 */

import type { RecordType as WireType } from "dns-packet";
import { RR, readRecords, u16, type WireRecord } from "./wire-record.js";

/** The DNS flag day 2020 value: a UDP payload size that avoids IP fragmentation. */
const EDNS_UDP_PAYLOAD = 1232;

const TYPE_CODES: Partial<Record<WireType, number>> = RR;
const RCODES = ["NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED"];
const HEADER = 12;

/**
 * Why `name` cannot be put in a query, or undefined when it can. DNS labels may hold any octet
 * (RFC 2181 §11): `:`, `%` and spaces are fine; what cannot be sent is an empty label (`a..b`), a
 * label over 63 octets or a name over 255 (RFC 1035 §2.3.4).
 */
export function unsendableName(name: string): string | undefined {
  // Nearly every name: ASCII, labels of 1 to 63 octets, at most 253 characters. One pass over its
  // characters says so (a regex and a slice per question cost measurable CPU, BENCHMARKS.md).
  const end = name.charCodeAt(name.length - 1) === DOT ? name.length - 1 : name.length;
  if (end === 0) return undefined; // the root
  if (end <= 253) {
    let labelStart = 0;
    let simple = true;
    for (let i = 0; i < end; i++) {
      const code = name.charCodeAt(i);
      if (code === DOT) {
        if (i === labelStart || i - labelStart > 63) {
          simple = false;
          break;
        }
        labelStart = i + 1;
      } else if (code > 0x7f) {
        simple = false;
        break;
      }
    }
    if (simple && end > labelStart && end - labelStart <= 63) return undefined;
  }
  let octets = 1;
  for (const label of name.slice(0, end).split(".")) {
    const length = Buffer.byteLength(label, "utf8");
    if (length === 0) return "empty label";
    if (length > 63) return "label longer than 63 octets";
    octets += length + 1;
  }
  return octets > 255 ? "name longer than 255 octets" : undefined;
}
const DOT = 0x2e;

/**
 * A recursive query (RD) for one question, with an EDNS0 OPT record (RFC 6891) unless `edns` is false.
 * `name` must be sendable (`unsendableName`).
 */
export function encodeQuery(id: number, name: string, type: WireType, edns: boolean): Buffer {
  const end = name.charCodeAt(name.length - 1) === DOT ? name.length - 1 : name.length;
  let ascii = true;
  for (let i = 0; i < end; i++) {
    if (name.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  // The name's octets go one place to the right of where it starts; each dot becomes the length of
  // the label before it, and the root label ends it. A dot (0x2e) is never part of a multi-octet
  // UTF-8 sequence, so every 0x2e is a separator.
  const nameOctets = end === 0 ? 1 : ascii ? end + 2 : Buffer.byteLength(name.slice(0, end), "utf8") + 2;
  // From Node's shared pool: `Buffer.alloc` made a zero-filled ArrayBuffer of its own per query.
  // Every octet is written below.
  const query = Buffer.allocUnsafe(HEADER + nameOctets + 4 + (edns ? 11 : 0));
  // Every field is written octet by octet: Buffer#writeUInt16BE/32BE check value and offset on each
  // call, which made this function's optimized code, and compiling it, several times larger.
  query[0] = id >>> 8;
  query[1] = id & 0xff;
  query[2] = 0x01; // RD
  query[3] = 0x00;
  query[4] = 0; // one question
  query[5] = 1;
  query[6] = 0; // no answer
  query[7] = 0;
  query[8] = 0; // no authority
  query[9] = 0;
  query[10] = 0; // the OPT record, or nothing
  query[11] = edns ? 1 : 0;
  let at = HEADER + nameOctets - 1;
  query[at] = 0; // the root label
  if (end > 0) {
    // ASCII (nearly every name) is copied character by character: Buffer#write's encoding
    // dispatch and its native call cost more than the copy for names this short.
    if (ascii) for (let i = 0; i < end; i++) query[HEADER + 1 + i] = name.charCodeAt(i);
    else query.write(name.slice(0, end), HEADER + 1, "utf8");
    let labelEnd = at;
    for (let i = at - 1; i > HEADER; i--) {
      if (query[i] === DOT) {
        query[i] = labelEnd - i - 1;
        labelEnd = i;
      }
    }
    query[HEADER] = labelEnd - HEADER - 1;
  }
  at += 1;
  const typeCode = TYPE_CODES[type] ?? 0;
  query[at] = typeCode >>> 8;
  query[at + 1] = typeCode & 0xff;
  query[at + 2] = 0; // class IN
  query[at + 3] = 1;
  if (edns) {
    // Owner: the root; type OPT; "class" = our UDP payload size; TTL 0 (version 0, no DO bit: we
    // read the AD bit, we do not validate); no options.
    query[at + 4] = 0;
    query[at + 5] = RR.OPT >>> 8;
    query[at + 6] = RR.OPT & 0xff;
    query[at + 7] = EDNS_UDP_PAYLOAD >>> 8;
    query[at + 8] = EDNS_UDP_PAYLOAD & 0xff;
    for (let i = at + 9; i < at + 15; i++) query[i] = 0; // TTL, RDLENGTH
  }
  return query;
}

/** A reply, read as far as it has been asked for. */
export class DecodedMessage {
  readonly id: number;
  readonly response: boolean;
  readonly truncated: boolean;
  /** The AD bit (RFC 4035 §3.2.3). */
  readonly authenticated: boolean;
  readonly rcode: string;
  readonly answers: WireRecord[] = [];
  readonly #bytes: Buffer;
  readonly #authorityCount: number;
  readonly #additionalCount: number;
  #offset: number;
  #authorities: WireRecord[] | undefined;
  #additionals: WireRecord[] | undefined;

  /** `questionEnd`: where the (already checked) question section ends. */
  constructor(bytes: Buffer, questionEnd: number) {
    if (bytes.length < HEADER) throw new RangeError("shorter than a DNS header");
    this.#bytes = bytes;
    this.id = u16(bytes, 0);
    const flags = u16(bytes, 2);
    this.response = (flags & 0x8000) !== 0;
    this.truncated = (flags & 0x0200) !== 0;
    this.authenticated = (flags & 0x0020) !== 0;
    this.rcode = RCODES[flags & 0x0f] ?? `RCODE${flags & 0x0f}`;
    this.#authorityCount = u16(bytes, 8);
    this.#additionalCount = u16(bytes, 10);
    this.#offset = readRecords(bytes, questionEnd, u16(bytes, 6), this.answers);
  }

  /** The authority section (read on first use; empty if it cannot be read). */
  get authorities(): WireRecord[] {
    if (this.#authorities === undefined) {
      this.#authorities = [];
      try {
        this.#offset = readRecords(this.#bytes, this.#offset, this.#authorityCount, this.#authorities);
      } catch {
        this.#offset = this.#bytes.length;
      }
    }
    return this.#authorities;
  }

  /** The additional section (read on first use; empty if it cannot be read). */
  get additionals(): WireRecord[] {
    if (this.#additionals === undefined) {
      void this.authorities; // reading it moves past it
      this.#additionals = [];
      try {
        readRecords(this.#bytes, this.#offset, this.#additionalCount, this.#additionals);
      } catch {
        // An unreadable additional section: as if it held nothing.
      }
    }
    return this.#additionals;
  }
}

/**
 * The reply to `query`, its header and answers decoded, or undefined when it is not one: it must be
 * a response with our ID and exactly our question, octet for octet but for the case of ASCII letters
 * in the name (RFC 5452 §4.3, RFC 4343). Forged, misdirected and undecodable replies are dropped,
 * never half-read; comparing the question as octets needs no decoding at all.
 */
export function decodeReply(reply: Buffer, query: Buffer): DecodedMessage | undefined {
  const questionEnd = questionEndOf(query);
  if (reply.length < questionEnd || reply[0] !== query[0] || reply[1] !== query[1]) return undefined;
  if (((reply[2] as number) & 0x80) === 0 || u16(reply, 4) !== 1) return undefined;
  for (let at = HEADER; at < questionEnd; at++) {
    const a = reply[at] as number;
    const b = query[at] as number;
    if (a !== b && (a | 0x20) !== (b | 0x20)) return undefined;
    if (a !== b && !((a | 0x20) >= 0x61 && (a | 0x20) <= 0x7a)) return undefined;
  }
  try {
    return new DecodedMessage(reply, questionEnd);
  } catch {
    return undefined;
  }
}

/** Where the one question of a query we built ends (its name has no compression pointers). */
function questionEndOf(query: Buffer): number {
  let at = HEADER;
  while ((query[at] as number) !== 0) at += 1 + (query[at] as number);
  return at + 1 + 4;
}

/** True when the message carries an OPT record: the server speaks EDNS0. */
export function hasOpt(message: DecodedMessage): boolean {
  return message.additionals.some((record) => record.type === RR.OPT);
}
