/**
 * The query we send (src/dns/wire/message.ts): `unsendableName` against the rules of RFC 1035
 * §2.3.4 counted in octets here, and `encodeQuery` read back by dns-packet's decoder. Both have a
 * character-by-character fast path for ASCII names and a UTF-8 path for the rest; the generated
 * names cover both, the edges (63/64-octet labels, 253/254-character names, a trailing dot, the
 * root) are named cases.
 */
import * as dnsPacket from "dns-packet";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeQuery, unsendableName } from "../../src/dns/wire/message.js";
import { fuzzOptions } from "../fuzz/fuzz-kit.js";

/** RFC 1035 §2.3.4 in octets: every label 1–63, the whole name (lengths and root) at most 255. */
function sendableBySpec(name: string): boolean {
  const bare = name.endsWith(".") ? name.slice(0, -1) : name;
  if (bare === "") return true;
  const labels = bare.split(".").map((l) => Buffer.byteLength(l, "utf8"));
  if (labels.some((length) => length === 0 || length > 63)) return false;
  return labels.reduce((sum, length) => sum + length + 1, 1) <= 255;
}

const label = fc.oneof(
  fc.stringMatching(/^[a-z0-9_-]{0,64}$/),
  // Any character but the dot: ASCII controls, ':', '%', spaces, Latin-1, multi-octet UTF-8.
  fc.string({ unit: "binary", maxLength: 40 }).map((s) => s.replaceAll(".", "_")),
  fc.constantFrom("", "café", "x".repeat(63), "x".repeat(64), "é".repeat(31), "é".repeat(32)),
);
const name = fc
  .tuple(fc.array(label, { minLength: 1, maxLength: 8 }), fc.boolean())
  .map(([labels, dot]) => labels.join(".") + (dot ? "." : ""));

describe("unsendableName", () => {
  it("refuses exactly the names RFC 1035 cannot carry", () => {
    fc.assert(
      fc.property(name, (n) => {
        expect(unsendableName(n) === undefined, JSON.stringify(n)).toBe(sendableBySpec(n));
      }),
      fuzzOptions(2000),
    );
  });

  it.each([
    ["", undefined],
    [".", undefined],
    ["example.", undefined],
    ["..", "empty label"],
    [".example", "empty label"],
    ["a..example", "empty label"],
    [`${"x".repeat(63)}.example`, undefined],
    [`${"x".repeat(64)}.example`, "label longer than 63 octets"],
    [`example.${"x".repeat(64)}`, "label longer than 63 octets"],
    [`${"é".repeat(32)}.example`, "label longer than 63 octets"],
    // 4 × 63 + 1 = 253 characters, 255 octets on the wire: the longest name.
    [
      Array.from({ length: 4 }, () => "x".repeat(62))
        .join(".")
        .concat(".x"),
      undefined,
    ],
    [
      Array.from({ length: 4 }, () => "x".repeat(62))
        .join(".")
        .concat(".xx"),
      "name longer than 255 octets",
    ],
  ])("%j → %s", (n, reason) => {
    expect(unsendableName(n)).toBe(reason);
  });
});

describe("encodeQuery", () => {
  it("writes the name dns-packet reads back, with RD, the type, class IN and the OPT record", () => {
    const sendable = name.filter((n) => unsendableName(n) === undefined);
    fc.assert(
      fc.property(sendable, fc.integer({ min: 0, max: 0xffff }), fc.boolean(), (n, id, edns) => {
        const query = encodeQuery(id, n, "TXT", edns);
        const decoded = dnsPacket.decode(query);
        const bare = n.endsWith(".") ? n.slice(0, -1) : n;
        expect(decoded.id).toBe(id);
        expect(decoded.flags).toBe(dnsPacket.RECURSION_DESIRED);
        expect(decoded.questions).toEqual([{ name: bare === "" ? "." : bare, type: "TXT", class: "IN" }]);
        expect(decoded.answers).toEqual([]);
        expect(
          (decoded.additionals ?? []).map((r) => [r.type, (r as { udpPayloadSize?: number }).udpPayloadSize]),
        ).toEqual(edns ? [["OPT", 1232]] : []);
      }),
      fuzzOptions(1000),
    );
  });
});
