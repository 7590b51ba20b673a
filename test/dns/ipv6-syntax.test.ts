/**
 * Our IPv6 text checker (src/dns/ipv6-syntax.ts) against node:net, the reference it replaces on
 * start-up paths: named edge cases first, then generated addresses, well-formed and mutated (one
 * fast-check seed, test/setup/fast-check-seed.ts). isIPv6Text refuses zone ids; isIPv6TextWithZone
 * and ipFamily are node's isIPv6 and isIP exactly.
 */
import { isIP, isIPv6 } from "node:net";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ipFamily, isIPv6Text, isIPv6TextWithZone } from "../../src/dns/ipv6-syntax.js";
import { fuzzOptions } from "../fuzz/fuzz-kit.js";

/** node:net's answer with zone ids refused: what every zone-free caller has always computed. */
function reference(text: string): boolean {
  return isIPv6(text) && !text.includes("%");
}

const CASES: [name: string, text: string, valid: boolean][] = [
  ["unspecified", "::", true],
  ["loopback", "::1", true],
  ["trailing ::", "1::", true],
  ["eight groups", "1:2:3:4:5:6:7:8", true],
  ["seven groups then ::", "1:2:3:4:5:6:7::", true],
  [":: then seven groups", "::2:3:4:5:6:7:8", true],
  [":: in the middle for one group", "1:2:3::5:6:7:8", true],
  ["four-digit groups", "2001:0db8:0000:0000:0000:ff00:0042:8329", true],
  ["upper-case hex", "2001:DB8::ABCD", true],
  ["mixed-case hex", "2001:dB8::aBcD", true],
  ["nine groups", "1:2:3:4:5:6:7:8:9", false],
  ["seven groups, no ::", "1:2:3:4:5:6:7", false],
  [":: with eight groups", "1::2:3:4:5:6:7:8", false],
  [":: before eight groups", "::1:2:3:4:5:6:7:8", false],
  ["eight groups then ::", "1:2:3:4:5:6:7:8::", false],
  ["two ::", "1::2::3", false],
  [":::", ":::", false],
  ["::: inside", "1:::2", false],
  ["leading single colon", ":1:2:3:4:5:6:7:8", false],
  ["leading single colon with ::", ":1::2", false],
  ["trailing single colon", "1:2:3:4:5:6:7:8:", false],
  ["trailing single colon with ::", "1::2:", false],
  ["single colon", ":", false],
  ["five-digit group", "12345::1", false],
  ["five-digit group of zeros", "00000::1", false],
  ["non-hex letter", "2001:db8::g", false],
  ["empty", "", false],
  ["bare hex", "2001", false],
  ["IPv4 tail after ::ffff:", "::ffff:192.0.2.1", true],
  ["IPv4 tail after ::", "::1.2.3.4", true],
  ["IPv4 tail after six groups", "1:2:3:4:5:6:1.2.3.4", true],
  ["IPv4 tail after five groups and ::", "1:2:3:4:5::1.2.3.4", true],
  ["IPv4 tail after :: and five groups", "::1:2:3:4:5:1.2.3.4", true],
  ["IPv4 tail 0.0.0.0", "::0.0.0.0", true],
  ["IPv4 tail 255.255.255.255", "::255.255.255.255", true],
  ["IPv4 tail with a leading zero", "::1.2.3.04", false],
  ["IPv4 tail with a leading zero, first part", "::01.2.3.4", false],
  ["IPv4 tail out of range", "::1.2.3.256", false],
  ["IPv4 tail of three parts", "::1.2.3", false],
  ["IPv4 tail of five parts", "::1.2.3.4.5", false],
  ["IPv4 tail with an empty part", "::1..3.4", false],
  ["IPv4 tail with hex", "::1.2.3.a", false],
  ["IPv4 tail ending in a dot", "::1.2.3.4.", false],
  ["IPv4 tail not at the end", "::1.2.3.4:1", false],
  ["IPv4 tail in the middle", "1:2:3:4:5:1.2.3.4:8", false],
  ["IPv4 tail after seven groups", "1:2:3:4:5:6:7:1.2.3.4", false],
  ["IPv4 tail after six groups and ::", "1:2:3:4:5:6::1.2.3.4", false],
  ["IPv4 tail after five groups, no ::", "1:2:3:4:5:1.2.3.4", false],
  ["IPv4 alone", "192.0.2.1", false],
  ["IPv4 tail directly after one colon", ":1.2.3.4", false],
  ["leading space", " ::1", false],
  ["trailing space", "::1 ", false],
  ["trailing newline", "::1\n", false],
  ["space inside", "2001:db8:: 1", false],
  ["zone id", "fe80::1%eth0", false],
  ["numeric zone id", "fe80::1%1", false],
  ["empty zone id", "fe80::1%", false],
  ["zone id on ::", "::%eth0", false],
  ["brackets", "[::1]", false],
  ["prefix length", "2001:db8::/32", false],
  ["full-width digit", "::１", false],
];

describe("isIPv6Text: named cases", () => {
  it.each(CASES)("%s (%j) → %s", (_name, text, valid) => {
    expect(isIPv6Text(text)).toBe(valid);
    // The table's expectation is node's too (zone ids refused), so the table checks itself.
    expect(reference(text)).toBe(valid);
  });
});

const ZONE_CASES: [name: string, text: string, valid: boolean][] = [
  ["zone id", "fe80::1%eth0", true],
  ["numeric zone id", "fe80::1%1", true],
  ["zone id of letters, digits, '-', '.', ':'", "fe80::1%a-b.c:1", true],
  ["zone id on ::", "::%eth0", true],
  ["zone id after an IPv4 tail", "::ffff:1.2.3.4%eth0", true],
  ["empty zone id", "fe80::1%", false],
  ["two %", "fe80::1%eth0%1", false],
  ["zone id with a space", "fe80::1%eth 0", false],
  ["zone id with '_'", "fe80::1%eth_0", false],
  ["zone id on an invalid address", "fe80::1::2%eth0", false],
  ["zone id alone", "%eth0", false],
  ["no zone id", "2001:db8::1", true],
];

describe("isIPv6TextWithZone: named cases", () => {
  it.each(ZONE_CASES)("%s (%j) → %s", (_name, text, valid) => {
    expect(isIPv6TextWithZone(text)).toBe(valid);
    expect(isIPv6(text)).toBe(valid);
  });
});

describe("ipFamily: named cases", () => {
  it.each([
    ["192.0.2.1", 4],
    ["2001:db8::1", 6],
    ["fe80::1%eth0", 6],
    ["::ffff:192.0.2.1", 6],
    ["192.0.2.01", 0],
    ["mta-sts.example.com", 0],
    ["", 0],
  ] as const)("%j → %s", (text, family) => {
    expect(ipFamily(text)).toBe(family);
    expect(isIP(text)).toBe(family);
  });
});

const hexDigit = fc.constantFrom(..."0123456789abcdefABCDEF");
const group = fc.array(hexDigit, { minLength: 1, maxLength: 4 }).map((digits) => digits.join(""));
const octet = fc.integer({ min: 0, max: 255 });
const dottedQuad = fc.tuple(octet, octet, octet, octet).map((parts) => parts.join("."));

/**
 * A well-formed address: eight groups (or six and a dotted quad), a run of one or more of them
 * optionally written as "::".
 */
const wellFormed = fc
  .record({
    groups: fc.array(group, { minLength: 8, maxLength: 8 }),
    ipv4Tail: fc.option(dottedQuad),
    compress: fc.option(fc.tuple(fc.nat(7), fc.integer({ min: 1, max: 8 }))),
  })
  .map(({ groups, ipv4Tail, compress }) => {
    const pieces = ipv4Tail === null ? groups : [...groups.slice(0, 6), ipv4Tail];
    // The dotted quad stands for two groups: never let "::" split it.
    const slots = ipv4Tail === null ? 8 : 6;
    if (compress === null) return pieces.join(":");
    const start = Math.min(compress[0], slots - 1);
    const length = Math.min(compress[1], slots - start);
    return `${pieces.slice(0, start).join(":")}::${pieces.slice(start + length).join(":")}`;
  });

const MUTATION_CHARACTERS = "0123456789abcdefABCDEF:.%g ";
type Edit = { kind: "insert" | "delete" | "replace"; at: number; character: string };
const edit: fc.Arbitrary<Edit> = fc.record({
  kind: fc.constantFrom("insert", "delete", "replace"),
  at: fc.nat(),
  character: fc.constantFrom(...MUTATION_CHARACTERS),
});

function applyEdit(text: string, { kind, at, character }: Edit): string {
  const position = at % (text.length + 1);
  if (kind === "insert") return text.slice(0, position) + character + text.slice(position);
  if (kind === "delete") return text.slice(0, position) + text.slice(position + 1);
  return text.slice(0, position) + character + text.slice(position + 1);
}

const mutated = fc
  .tuple(wellFormed, fc.array(edit, { minLength: 1, maxLength: 4 }))
  .map(([text, edits]) => edits.reduce(applyEdit, text));

const zoneId = fc
  .array(fc.constantFrom(..."az09-.:%_ "), { minLength: 0, maxLength: 5 })
  .map((characters) => `%${characters.join("")}`);

/** Well-formed and mutated addresses in equal parts, a third of them with something like a zone id. */
const candidate = fc
  .tuple(fc.oneof(wellFormed, mutated), fc.option(zoneId, { freq: 2 }))
  .map(([address, zone]) => address + (zone ?? ""));

describe("isIPv6Text against node:net (property)", () => {
  it("generates both accepted and refused text, with and without zone ids", () => {
    // Guards the properties below against a generator that drifts to one side (all refused, say).
    const sample = fc.sample(candidate, 2000);
    const share = (keep: (text: string) => boolean) => sample.filter(keep).length / sample.length;
    const counts = {
      accepted: share((t) => isIPv6(t) && !t.includes("%")),
      refused: share((t) => !isIPv6(t) && !t.includes("%")),
      zoneAccepted: share((t) => isIPv6(t) && t.includes("%")),
      zoneRefused: share((t) => !isIPv6(t) && t.includes("%")),
    };
    for (const [kind, part] of Object.entries(counts)) expect(part, kind).toBeGreaterThan(0.05);
  });

  it("accepts every well-formed address", () => {
    fc.assert(
      fc.property(wellFormed, (text) => {
        expect(isIPv6Text(text)).toBe(true);
        expect(isIPv6(text)).toBe(true);
      }),
      fuzzOptions(2000),
    );
  });

  it("agrees with isIPv6(s) && !s.includes('%') on well-formed and mutated text", () => {
    fc.assert(
      fc.property(candidate, (text) => {
        expect(isIPv6Text(text)).toBe(reference(text));
      }),
      fuzzOptions(5000),
    );
  });

  it("isIPv6TextWithZone and ipFamily agree with node's isIPv6 and isIP", () => {
    fc.assert(
      fc.property(candidate, (text) => {
        expect(isIPv6TextWithZone(text)).toBe(isIPv6(text));
        expect(ipFamily(text)).toBe(isIP(text));
      }),
      fuzzOptions(5000),
    );
  });
});
