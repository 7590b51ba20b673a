/**
 * DNS messages on the wire, through dns-packet (encode and decode; README, "Dependency notes"). What
 * is ours: the checks a stub resolver must make before it believes a message (RFC 5452 §4.3: the ID
 * and the question must be the ones it sent), and the name rules dns-packet leaves to its caller
 * (it writes a 64-octet label without complaint, which would corrupt the query).
 */

import type { Answer, DecodedPacket, RecordType as WireType } from "dns-packet";
import { decode, encode, RECURSION_DESIRED } from "dns-packet";
import { canonicalName } from "../types.js";

/** RFC 8914-era consensus (DNS flag day 2020): a UDP payload size that avoids IP fragmentation. */
export const EDNS_UDP_PAYLOAD = 1232;

export type DecodedMessage = DecodedPacket;
export type WireRecord = Answer;

/**
 * Why `name` cannot be put in a query, or undefined when it can. DNS labels may hold any octet
 * (RFC 2181 §11): `:`, `%` and spaces are fine; what cannot be sent is an empty label (`a..b`), a
 * label over 63 octets or a name over 255 (RFC 1035 §2.3.4).
 */
export function unsendableName(name: string): string | undefined {
  const trimmed = name.endsWith(".") ? name.slice(0, -1) : name;
  if (trimmed === "") return undefined; // the root
  let octets = 1;
  for (const label of trimmed.split(".")) {
    const length = Buffer.byteLength(label, "utf8");
    if (length === 0) return "empty label";
    if (length > 63) return "label longer than 63 octets";
    octets += length + 1;
  }
  return octets > 255 ? "name longer than 255 octets" : undefined;
}

/** EDNS version 0, no options, DO bit clear (we read the AD bit; we do not validate ourselves). */
const OPT_RECORD = {
  type: "OPT",
  name: ".",
  udpPayloadSize: EDNS_UDP_PAYLOAD,
  extendedRcode: 0,
  ednsVersion: 0,
  flags: 0,
  flag_do: false,
  options: [],
} as const satisfies Answer;

/** A recursive query for one question, with an EDNS0 OPT record (RFC 6891) unless `edns` is false. */
export function encodeQuery(id: number, name: string, type: WireType, edns: boolean): Buffer {
  return encode({
    type: "query",
    id,
    flags: RECURSION_DESIRED,
    questions: [{ type, name, class: "IN" }],
    ...(edns ? { additionals: [OPT_RECORD] } : {}),
  });
}

/** The message, or undefined when it cannot be decoded (garbage is dropped, never half-read). */
export function decodeMessage(bytes: Buffer): DecodedMessage | undefined {
  try {
    return decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * True when `message` is a response to exactly our question (RFC 5452 §4.3; names compare without
 * regard to ASCII case, RFC 4343). A forged or misdirected answer fails this and is ignored.
 */
export function answersQuestion(message: DecodedMessage, name: string, type: WireType): boolean {
  if (message.type !== "response" || message.questions?.length !== 1) return false;
  const [question] = message.questions;
  return (
    question !== undefined &&
    question.type === type &&
    (question.class ?? "IN") === "IN" &&
    sameName(question.name, name)
  );
}

/** Names compare case-insensitively for ASCII letters only (RFC 4343), trailing dots aside. */
export function sameName(a: string, b: string): boolean {
  return canonicalName(a) === canonicalName(b);
}

/** The response code as named by dns-packet ("NOERROR", "NXDOMAIN", "FORMERR", …). */
export function rcodeOf(message: DecodedMessage): string {
  return (message as { rcode?: string }).rcode ?? "NOERROR";
}

/** True when the message carries an OPT record: the server speaks EDNS0. */
export function hasOpt(message: DecodedMessage): boolean {
  return (message.additionals ?? []).some((record) => record.type === "OPT");
}
