import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseAggregateReport } from "../../src/reports/aggregate-parser.js";
import { once } from "../../src/reports/byte-streams.js";
import { RefusedInput } from "../../src/reports/refusal.js";
import { reportXml } from "../reports/generated-set.js";
import { anyText, expectContainedAsync, fuzzOptions, pathological } from "./fuzz-kit.js";

/** Feeds the bytes in chunks of varying size, as a file or gunzip stream would. */
async function* chunked(bytes: Uint8Array, sizes: readonly number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const size = Math.max(1, sizes.length === 0 ? bytes.length : (sizes[i % sizes.length] ?? 1));
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

const parse = (bytes: Uint8Array, sizes: readonly number[] = []) =>
  expectContainedAsync(
    () => parseAggregateReport(sizes.length === 0 ? once(bytes) : chunked(bytes, sizes)),
    [RefusedInput],
  );

const text = (s: string) => new TextEncoder().encode(s);
const chunkSizes = fc.array(fc.integer({ min: 1, max: 97 }), { maxLength: 5 });

/** Text values that real reports carry, plus hostile ones (markup, entities, control characters). */
const field = fc.oneof(
  fc.domain(),
  fc.ipV4(),
  fc.constantFrom(
    "&amp;",
    "&lt;x&gt;",
    "<",
    "a<b",
    "]]>",
    "<![CDATA[x]]>",
    "&#0;",
    "&#x1b;[31m",
    "\u202e",
    "&unknown;",
    "<!-- c -->",
    "</feedback>",
  ),
  fc.string({ maxLength: 20 }),
);
const report = fc
  .record({
    org: field,
    id: field,
    domain: field,
    begin: fc.nat(),
    span: fc.nat({ max: 86_400 }),
    records: fc.array(
      fc.record({
        ip: field,
        count: fc.nat({ max: 10_000 }),
        dkim: fc.constantFrom("pass" as const, "fail" as const),
        spf: fc.constantFrom("pass" as const, "fail" as const),
        selector: field,
      }),
      { maxLength: 4 },
    ),
    dmarc2: fc.boolean(),
  })
  .map(({ span, ...r }) => reportXml({ ...r, end: r.begin + span }));

/** A report damaged by cutting, duplicating or splicing a slice of it. */
const damagedReport = fc
  .tuple(report, fc.nat(), fc.nat(), fc.constantFrom("cut", "dup", "splice"))
  .map(([xml, a, b, how]) => {
    const i = a % (xml.length + 1);
    const j = b % (xml.length + 1);
    const [lo, hi] = i < j ? [i, j] : [j, i];
    if (how === "cut") return xml.slice(0, lo) + xml.slice(hi);
    if (how === "dup") return xml.slice(0, hi) + xml.slice(lo, hi) + xml.slice(hi);
    return xml.slice(0, lo) + xml.slice(hi).split("").reverse().join("").slice(0, 30) + xml.slice(hi);
  });

describe("aggregate report parser under hostile input", () => {
  it("refuses (RefusedInput) or parses, never throws anything else, on arbitrary bytes and text", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.uint8Array({ maxLength: 600 }), anyText(600).map(text)),
        chunkSizes,
        async (bytes, sizes) => {
          await parse(bytes, sizes);
        },
      ),
      fuzzOptions(),
    );
  });

  it("never throws past RefusedInput on near-valid and damaged reports, whatever the chunking", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(report, damagedReport), chunkSizes, async (xml, sizes) => {
        const whole = await parse(text(xml));
        const inChunks = await parse(text(xml), sizes);
        // Chunk boundaries must not change the verdict (the stray-'<' repair works across chunks).
        expect(inChunks instanceof Error).toBe(whole instanceof Error);
        if (!(whole instanceof Error) && !(inChunks instanceof Error))
          expect(inChunks.records).toEqual(whole.records);
      }),
      fuzzOptions(),
    );
  });

  it("keeps the numbers it was given: counts and identities of well-formed generated reports", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          count: fc.array(fc.nat({ max: 1_000_000 }), { minLength: 1, maxLength: 5 }),
          begin: fc.nat({ max: 2 ** 31 }),
        }),
        async ({ count, begin }) => {
          const xml = reportXml({
            org: "r.example",
            id: `id-${begin}`,
            domain: "example.test",
            begin,
            end: begin + 86_399,
            records: count.map((c, i) => ({ ip: `192.0.2.${i}`, count: c, dkim: "pass", spf: "fail" })),
          });
          const parsed = await parseAggregateReport(once(text(xml)));
          expect(parsed.records.map((r) => r.count)).toEqual(count);
          expect(parsed.metadata).toMatchObject({ reportId: `id-${begin}`, begin, end: begin + 86_399 });
        },
      ),
      fuzzOptions(100),
    );
  });

  it("stays bounded on long repetitions (stray '<', deep nesting, long names, entity-looking text)", async () => {
    const head = "<feedback><report_metadata><org_name>";
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          pathological(head, [
            "<",
            "<a",
            "<a<",
            "&",
            "&amp",
            "<x>",
            "</x>",
            "<!--",
            "]]>",
            "\u0000",
            "a".repeat(300),
          ]),
          pathological("", ["<feedback>", "<a>", "<a:b>", "<?x?>"]),
        ),
        async (xml) => {
          await parse(text(xml));
        },
      ),
      fuzzOptions(100),
    );
  });
});
