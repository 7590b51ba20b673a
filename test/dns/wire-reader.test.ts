/**
 * Our reader of received messages (src/dns/wire/wire-record.ts, wire-name.ts) against dns-packet's
 * decoder, which it replaced: on generated replies (owner names compressed the way servers do) every
 * record reads the same, field for field; on damaged replies it either refuses the section with its
 * own error or gives records whose every field reads without throwing.
 */
import * as dnsPacket from "dns-packet";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DecodedMessage } from "../../src/dns/wire/message.js";
import { MalformedName, nameEnd } from "../../src/dns/wire/wire-name.js";
import { MalformedRecord, RR, type WireRecord } from "../../src/dns/wire/wire-record.js";
import { fuzzOptions } from "../fuzz/fuzz-kit.js";

// Exported by dns-packet (index.js), not declared in its types.
const codecs = dnsPacket as unknown as {
  // `encode.bytes`: what the last call wrote (its buffer can be longer: it sizes SOA names before escaping).
  answer: { encode: ((record: unknown) => Buffer) & { bytes: number } };
  name: { encode(name: string): Buffer };
};

const TYPE_NAMES: Record<number, string> = Object.fromEntries(Object.entries(RR).map(([k, v]) => [v, k]));

/** Labels with any octet but the dot (a dot inside a label cannot be told from a separator as text). */
const label = fc.oneof(
  fc.stringMatching(/^[a-z0-9-]{1,12}$/),
  fc
    .uint8Array({ minLength: 1, maxLength: 20 })
    .map((octets) => Buffer.from(octets.map((o) => (o === 0x2e ? 0x5f : o))).toString("latin1")),
  fc.constantFrom("_dmarc", "_domainkey", "a:b", "100%", "with space", "café"),
);
const name = fc.array(label, { minLength: 1, maxLength: 5 }).map((labels) => labels.join("."));
// dns-packet writes labels as UTF-8; keep the names it can write within its 254-octet limit.
const sendableName = name.filter((n) => codecs.name.encode(n).length <= 255);

const recordData = fc.oneof(
  fc.record({ type: fc.constant("A"), data: fc.ipV4() }),
  fc.record({ type: fc.constant("AAAA"), data: fc.ipV6() }),
  fc.record({ type: fc.constantFrom("CNAME", "NS", "PTR"), data: sendableName }),
  fc.record({
    type: fc.constant("MX"),
    data: fc.record({ preference: fc.nat(65535), exchange: sendableName }),
  }),
  fc.record({
    type: fc.constant("TXT"),
    // Including no character-string at all (an empty TXT RR) and empty strings.
    data: fc.array(
      fc.uint8Array({ maxLength: 255 }).map((o) => Buffer.from(o)),
      { maxLength: 4 },
    ),
  }),
  fc.record({
    type: fc.constant("SOA"),
    data: fc.record({
      mname: sendableName,
      rname: sendableName,
      serial: fc.nat(),
      refresh: fc.nat(),
      retry: fc.nat(),
      expire: fc.nat(),
      minimum: fc.nat(),
    }),
  }),
  // A type we do not read: stepped over by its length.
  fc.record({
    type: fc.constant("CAA"),
    data: fc.record({
      flags: fc.constant(0),
      tag: fc.constant("issue"),
      value: fc.stringMatching(/^[a-z.]{0,20}$/),
    }),
  }),
);

const record = (question: string) =>
  fc
    .record({
      atQuestion: fc.boolean(),
      compressed: fc.boolean(),
      owner: sendableName,
      class: fc.constantFrom("IN", "IN", "IN", "CH"),
      ttl: fc.nat(),
      rr: recordData,
    })
    .map((r) => ({ ...r, owner: r.atQuestion ? question : r.owner }));

/** A reply built record by record, the owner of those at the question's name a pointer to it (0xc00c). */
function buildReply(
  question: string,
  sections: ReturnType<typeof record> extends fc.Arbitrary<infer R> ? R[][] : never,
) {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(0x1234, 0);
  header.writeUInt16BE(0x8180, 2);
  header.writeUInt16BE(1, 4);
  sections.forEach((list, i) => {
    header.writeUInt16BE(list.length, 6 + 2 * i);
  });
  const questionBytes = Buffer.concat([codecs.name.encode(question), Buffer.from([0, 16, 0, 1])]);
  const parts: Buffer[] = [header, questionBytes];
  for (const list of sections)
    for (const r of list) {
      const written = codecs.answer.encode({
        name: r.owner,
        type: r.rr.type,
        class: r.class,
        ttl: r.ttl,
        data: r.rr.data,
      });
      const encoded = written.subarray(0, codecs.answer.encode.bytes);
      if (r.atQuestion && r.compressed) {
        const ownerLength = codecs.name.encode(r.owner).length;
        parts.push(Buffer.from([0xc0, 0x0c]), encoded.subarray(ownerLength));
      } else parts.push(encoded);
    }
  return { bytes: Buffer.concat(parts), questionEnd: 12 + questionBytes.length };
}

/** What our record says, in dns-packet's terms, for the types we read. */
function ours(r: WireRecord): unknown {
  const common = {
    name: r.name,
    type: TYPE_NAMES[r.type] ?? "other",
    class: r.isInternet ? "IN" : "not IN",
    ttl: r.ttl,
  };
  switch (r.type) {
    case RR.A:
      return { ...common, data: r.ipv4() };
    case RR.AAAA:
      return { ...common, data: r.ipv6() };
    case RR.CNAME:
    case RR.NS:
    case RR.PTR:
      return { ...common, data: r.target() };
    case RR.MX:
      return { ...common, data: r.mx() };
    case RR.TXT:
      return { ...common, data: r.txt() };
    case RR.SOA:
      return { ...common, data: r.negativeTtl() };
    default:
      return common;
  }
}

/** What dns-packet decoded, in the same terms. */
function theirs(r: dnsPacket.Answer): unknown {
  const a = r as { name: string; type: string; class?: string; ttl?: number; data?: unknown };
  const type = a.type in RR ? a.type : "other";
  const common = { name: a.name, type, class: a.class === "IN" ? "IN" : "not IN", ttl: a.ttl };
  switch (type) {
    case "A":
    case "AAAA":
    case "CNAME":
    case "NS":
    case "PTR":
    case "MX":
      return { ...common, data: a.data };
    case "TXT":
      return { ...common, data: (a.data as Buffer[]).map((b) => b.toString("latin1")) };
    case "SOA":
      return { ...common, data: Math.min(a.ttl ?? 0, (a.data as { minimum: number }).minimum) };
    default:
      return common;
  }
}

describe("the wire reader reads what dns-packet reads", () => {
  it("on generated replies: every record of every section, field for field", () => {
    const reply = sendableName.chain((question) =>
      fc.tuple(
        fc.constant(question),
        fc.array(record(question), { maxLength: 5 }),
        fc.array(record(question), { maxLength: 3 }),
        fc.array(record(question), { maxLength: 3 }),
      ),
    );
    fc.assert(
      fc.property(reply, ([question, answers, authorities, additionals]) => {
        const { bytes, questionEnd } = buildReply(question, [answers, authorities, additionals]);
        const packet = dnsPacket.decode(bytes);
        const message = new DecodedMessage(bytes, questionEnd);
        expect(message.answers.map(ours)).toEqual((packet.answers ?? []).map(theirs));
        expect(message.authorities.map(ours)).toEqual((packet.authorities ?? []).map(theirs));
        expect(message.additionals.map(ours)).toEqual((packet.additionals ?? []).map(theirs));
        // An owner read as "the question's name" without decoding it is that name.
        const compressed = answers.filter((r) => r.atQuestion && r.compressed).length;
        expect(message.answers.filter((r) => r.ownerIsQuestion)).toHaveLength(compressed);
        for (const r of message.answers)
          if (r.ownerIsQuestion) expect(r.name).toBe(packet.questions?.[0]?.name);
        expect(message.rcode).toBe((packet as { rcode?: string }).rcode);
      }),
      fuzzOptions(300),
    );
  });

  it("on damaged replies: its own error for a section it cannot read, else every field reads", () => {
    const damaged = sendableName.chain((question) =>
      fc.tuple(
        fc.constant(question),
        fc.array(record(question), { minLength: 1, maxLength: 4 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(255)), { minLength: 1, maxLength: 4 }),
        fc.nat(),
      ),
    );
    fc.assert(
      fc.property(damaged, ([question, answers, flips, cut]) => {
        const { bytes, questionEnd } = buildReply(question, [answers, [], []]);
        const broken = Buffer.from(bytes);
        // Octets changed after the question (the client compared that part with its query already).
        for (const [at, value] of flips) broken[questionEnd + (at % (broken.length - questionEnd))] = value;
        const reply = Buffer.from(
          broken.subarray(0, questionEnd + (cut % (broken.length - questionEnd + 1))),
        );
        let message: DecodedMessage;
        try {
          message = new DecodedMessage(reply, questionEnd);
        } catch (error) {
          expect(error instanceof MalformedName || error instanceof MalformedRecord).toBe(true);
          return;
        }
        for (const section of [message.answers, message.authorities, message.additionals])
          for (const r of section) expect(() => ours(r)).not.toThrow();
      }),
      fuzzOptions(500),
    );
  });

  it("follows compression pointers only backwards, so every name ends (as dns-packet does)", () => {
    const decodeName = (dnsPacket as unknown as { name: { decode(b: Buffer, at: number): string } }).name
      .decode;
    const chained = Buffer.from([3, 0x61, 0x62, 0x63, 0, 0xc0, 0x00, 0xc0, 0x05]);
    expect(nameEnd(chained, 7)).toBe(9); // a pointer to a pointer to "abc", both earlier
    expect(decodeName(chained, 7)).toBe("abc");
    const loop = Buffer.from([3, 0x61, 0x62, 0x63, 0xc0, 0x00]); // "abc" then back to itself
    expect(() => nameEnd(loop, 0)).toThrow(MalformedName);
    expect(() => decodeName(loop, 0)).toThrow();
    const forward = Buffer.from([0xc0, 0x02, 0]);
    expect(() => nameEnd(forward, 0)).toThrow(MalformedName);
    expect(() => decodeName(forward, 0)).toThrow();
  });
});
