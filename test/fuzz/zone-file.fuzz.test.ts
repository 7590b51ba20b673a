import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseZoneFile, ZoneFileError } from "../../src/dns/zone-file.js";
import type { ZoneRecord } from "../../src/dns/zone-records.js";
import { anyText, expectContained, fuzzOptions, pathological } from "./fuzz-kit.js";

// Zone files are read as latin1 (src/cli/build-resolver.ts): every character is one octet.
const latin1Text = (maxLength: number) =>
  fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)), maxLength });

const ORIGIN = "zone.test";
const label = fc.stringMatching(/^[a-z0-9_][a-z0-9-]{0,10}$/);
const owner = fc.oneof(
  fc.constant("@"),
  label,
  fc.tuple(label, label).map(([a, b]) => `${a}.${b}`),
);
/** TXT data: any octets, up to 255 per character-string (RFC 1035 §3.3.14). */
const txtStrings = fc.array(latin1Text(255), { minLength: 1, maxLength: 3 });

type Generated = { owner: string; ttl: number } & (
  | { type: "TXT"; strings: string[] }
  | { type: "A"; address: string }
  | { type: "MX"; priority: number; exchange: string }
  | { type: "CNAME"; target: string }
);
const record: fc.Arbitrary<Generated> = fc.oneof(
  fc.record({
    owner,
    ttl: fc.nat({ max: 2 ** 31 - 1 }),
    type: fc.constant("TXT" as const),
    strings: txtStrings,
  }),
  fc.record({ owner, ttl: fc.nat({ max: 86_400 }), type: fc.constant("A" as const), address: fc.ipV4() }),
  fc.record({
    owner,
    ttl: fc.nat({ max: 86_400 }),
    type: fc.constant("MX" as const),
    priority: fc.nat({ max: 65_535 }),
    exchange: fc.domain(),
  }),
  fc.record({ owner, ttl: fc.nat({ max: 86_400 }), type: fc.constant("CNAME" as const), target: label }),
);

/** RFC 1035 §5.1 quoting: `"` and `\` escaped, everything outside printable ASCII as \DDD. */
function quote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (code < 0x20 || code > 0x7e) out += `\\${String(code).padStart(3, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}

function writeRecord(r: Generated): string {
  const head = `${r.owner} ${r.ttl} IN ${r.type}`;
  switch (r.type) {
    case "TXT":
      return `${head} ( ${r.strings.map(quote).join("\n\t")} ) ; comment "with quotes" (and parens`;
    case "A":
      return `${head} ${r.address}`;
    case "MX":
      return `${head} ${r.priority} ${r.exchange}.`;
    case "CNAME":
      return `${head} ${r.target}`;
  }
}

function expected(r: Generated): ZoneRecord {
  const name = r.owner === "@" ? ORIGIN : `${r.owner}.${ORIGIN}`;
  switch (r.type) {
    case "TXT":
      return { name, ttl: r.ttl, type: "TXT", data: r.strings };
    case "A":
      return { name, ttl: r.ttl, type: "A", data: r.address };
    case "MX":
      return {
        name,
        ttl: r.ttl,
        type: "MX",
        data: { priority: r.priority, exchange: r.exchange.toLowerCase() },
      };
    case "CNAME":
      return { name, ttl: r.ttl, type: "CNAME", data: `${r.target}.${ORIGIN}` };
  }
}

const parse = (text: string) =>
  expectContained(() => parseZoneFile(text, { source: "fuzz.zone" }), [ZoneFileError]);

describe("zone file reader under hostile input", () => {
  it("throws only ZoneFileError (file:line: reason) and stays bounded on arbitrary text", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          latin1Text(600),
          anyText(),
          fc
            .array(
              fc.oneof(
                latin1Text(40),
                fc.constantFrom("$ORIGIN x.", "$TTL 1h", "@ IN TXT", "(", ")", '"', "\\", "\\999", ";"),
              ),
              { maxLength: 20 },
            )
            .map((l) => l.join("\n")),
        ),
        (text) => {
          const outcome = parse(text);
          if (outcome instanceof ZoneFileError) {
            expect(outcome.message).toMatch(/^fuzz\.zone:\d+: ./);
            expect(outcome.line).toBeGreaterThanOrEqual(1);
          }
        },
      ),
      fuzzOptions(),
    );
  });

  it("ends on white space other than blanks (found by this fuzzer: a vertical tab looped forever)", () => {
    for (const ch of ["\u000b", "\f", "\u00a0"]) {
      const zone = parse(`$ORIGIN x.\n@ IN TXT "a"${ch}\n`);
      expect(zone).not.toBeInstanceOf(Error);
    }
  });

  it("stays bounded on long repetitions (parentheses, escapes, quotes)", () => {
    fc.assert(
      fc.property(
        pathological("@ IN TXT ", ["(", ")", "\\", "\\0", '"', '"a" ', "\\\\", "; x\n", " (\n", "a"]),
        (text) => void parse(`$ORIGIN x.\n${text}`),
      ),
      fuzzOptions(100),
    );
  });

  it("round-trips: records written as a zone file read back the same, escapes and all", () => {
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 8 }), (records) => {
        const text = [`$ORIGIN ${ORIGIN}.`, "$TTL 300", ...records.map(writeRecord)].join("\n");
        const zone = parseZoneFile(text, { source: "fuzz.zone" });
        expect(zone.origin).toBe(ORIGIN);
        expect(zone.records).toEqual(records.map(expected));
      }),
      fuzzOptions(),
    );
  });
});
