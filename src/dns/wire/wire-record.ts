/**
 * Resource records inside a received message (RFC 1035 §3.2.1, §4.1.3): each section is walked once,
 * keeping where each record's owner and data are. The data of the types a stub reads (A, AAAA,
 * CNAME, NS, PTR, MX, TXT, SOA) is checked as it is found, so reading it later cannot fail; other
 * types are stepped over by their length. Strings are made only for what is read: dns-packet decoded
 * every record into objects and every name label by label, the largest part of the client's own CPU
 * and garbage (BENCHMARKS.md, issue 18). test/dns/wire-reader.test.ts holds this reader to
 * dns-packet's decoder on generated messages.
 */
import * as dnsPacket from "dns-packet";
import { decodeTxtBytes } from "../txt-octets.js";
import { nameEnd, readName } from "./wire-name.js";

/** RR type codes (RFC 1035 §3.2.2, RFC 3596, RFC 6891). */
export const RR = { A: 1, NS: 2, CNAME: 5, SOA: 6, PTR: 12, MX: 15, TXT: 16, AAAA: 28, OPT: 41 } as const;

/** dns-packet's AAAA data codec (index.js: exports.aaaa), not declared in its types; it reads RDLENGTH first. */
const aaaa = (dnsPacket as unknown as { aaaa: { decode(bytes: Buffer, offset: number): string } }).aaaa;

/** Class IN. dns-packet reads a class without its top bit (mDNS "cache flush"); so do we. */
const CLASS_IN = 1;

/** One record of a section; its owner and data are turned into strings when asked for. */
export class WireRecord {
  #name: string | undefined;

  constructor(
    readonly message: Buffer,
    /** Where the owner name starts. */
    readonly nameAt: number,
    readonly type: number,
    /** The class without the mDNS cache-flush bit. */
    readonly klass: number,
    readonly ttl: number,
    /** Where RDATA starts (after RDLENGTH). */
    readonly dataAt: number,
    readonly dataLength: number,
  ) {}

  /** The owner, as dns-packet decoded it. */
  get name(): string {
    this.#name ??= readName(this.message, this.nameAt);
    return this.#name;
  }

  /** The owner is a compression pointer to the question's name (offset 12, RFC 1035 §4.1.4). */
  get ownerIsQuestion(): boolean {
    return this.message[this.nameAt] === 0xc0 && this.message[this.nameAt + 1] === 12;
  }

  get isInternet(): boolean {
    return this.klass === CLASS_IN;
  }

  /** CNAME, NS, PTR: the name the data holds. */
  target(): string {
    return readName(this.message, this.dataAt);
  }

  /** A: a dotted quad. */
  ipv4(): string {
    const b = this.message;
    const at = this.dataAt;
    return `${b[at]}.${b[at + 1]}.${b[at + 2]}.${b[at + 3]}`;
  }

  /** AAAA: in dns-packet's text form (its codec, so answers read exactly as before). */
  ipv6(): string {
    return aaaa.decode(this.message, this.dataAt - 2);
  }

  mx(): { preference: number; exchange: string } {
    return {
      preference: this.message.readUInt16BE(this.dataAt),
      exchange: readName(this.message, this.dataAt + 2),
    };
  }

  /** TXT: each character-string's octets as Latin-1 characters (one per octet); [] for none. */
  txt(): string[] {
    const strings: string[] = [];
    const end = this.dataAt + this.dataLength;
    for (let at = this.dataAt; at < end; ) {
      const length = this.message[at] as number;
      strings.push(this.message.toString("latin1", at + 1, at + 1 + length));
      at += 1 + length;
    }
    return strings;
  }

  /** TXT as the resolver hands it out: each character-string through `decodeTxtBytes` (txt-octets.ts). */
  txtText(): string[] {
    const strings: string[] = [];
    const end = this.dataAt + this.dataLength;
    for (let at = this.dataAt; at < end; ) {
      const length = this.message[at] as number;
      strings.push(decodeTxtBytes(this.message, at + 1, at + 1 + length));
      at += 1 + length;
    }
    return strings;
  }

  /** SOA: how long a negative answer may be cached (RFC 2308 §5: the record's TTL, at most MINIMUM). */
  negativeTtl(): number {
    return Math.min(this.ttl, this.message.readUInt32BE(this.dataAt + this.dataLength - 4));
  }
}

/**
 * The 16-bit number at `at` (network order), which the caller has checked lies within `bytes`.
 * Buffer#readUInt16BE checks the offset again on every call; per record and per reply that made the
 * readers' optimized code (and compiling it) larger for nothing.
 */
export function u16(bytes: Buffer, at: number): number {
  return ((bytes[at] as number) << 8) | (bytes[at + 1] as number);
}

/** Thrown for a record that cannot be read; the section (or the whole message) is dropped. */
export class MalformedRecord extends RangeError {}

/** Reads `count` records from `at` into `into`; returns where they end. Throws when one is malformed. */
export function readRecords(bytes: Buffer, at: number, count: number, into: WireRecord[]): number {
  let offset = at;
  for (let i = 0; i < count; i++) {
    const nameAt = offset;
    offset = nameEnd(bytes, offset);
    if (offset + 10 > bytes.length) throw new MalformedRecord("record header runs past the message");
    const type = u16(bytes, offset);
    const klass = u16(bytes, offset + 2) & 0x7fff;
    const ttl = u16(bytes, offset + 4) * 0x10000 + u16(bytes, offset + 6);
    const dataLength = u16(bytes, offset + 8);
    const dataAt = offset + 10;
    offset = dataAt + dataLength;
    if (offset > bytes.length) throw new MalformedRecord("record data runs past the message");
    checkData(bytes, type, dataAt, dataLength);
    into.push(new WireRecord(bytes, nameAt, type, klass, ttl, dataAt, dataLength));
  }
  return offset;
}

/** The data of the types we read must be whole and within its record, so reading it cannot fail. */
function checkData(bytes: Buffer, type: number, at: number, length: number): void {
  const end = at + length;
  switch (type) {
    case RR.A:
      if (length !== 4) throw new MalformedRecord("A record data is not 4 octets");
      return;
    case RR.AAAA:
      if (length !== 16) throw new MalformedRecord("AAAA record data is not 16 octets");
      return;
    case RR.CNAME:
    case RR.NS:
    case RR.PTR:
      if (nameWithin(bytes, at, end) !== end) throw new MalformedRecord("name data followed by more octets");
      return;
    case RR.MX:
      if (length < 3) throw new MalformedRecord("MX record data too short");
      if (nameWithin(bytes, at + 2, end) !== end)
        throw new MalformedRecord("MX data followed by more octets");
      return;
    case RR.SOA: {
      const afterNames = nameWithin(bytes, nameWithin(bytes, at, end), end);
      if (afterNames + 20 !== end)
        throw new MalformedRecord("SOA record data is not two names and 20 octets");
      return;
    }
    case RR.TXT:
      for (let offset = at; offset < end; ) {
        offset += 1 + (bytes[offset] as number);
        if (offset > end) throw new MalformedRecord("TXT character-string runs past its record");
      }
      return;
  }
}

/** Where the name at `at` ends; it must end within its record (at or before `end`). */
function nameWithin(bytes: Buffer, at: number, end: number): number {
  const after = nameEnd(bytes, at);
  if (after > end) throw new MalformedRecord("name runs past its record");
  return after;
}
