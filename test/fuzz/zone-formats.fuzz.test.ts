/**
 * The --zone readers (octoDNS, DNSControl IR, Terraform plans) on generated input: any text and any
 * JSON shaped like their formats is read or refused with our own error, in bounded time; and TXT data
 * written in each format's own quoting reads back to exactly the octets that were meant.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ZoneFileError } from "../../src/dns/zone-file.js";
import { ZoneInputError } from "../../src/zone-formats/input-error.js";
import { readOctoDns } from "../../src/zone-formats/octodns.js";
import { parseZoneInput } from "../../src/zone-formats/read-zone-input.js";
import { anyText, expectContained, fuzzOptions, nearValid } from "./fuzz-kit.js";

const OURS = [ZoneInputError, ZoneFileError];
const read = (text: string, source = "fuzz.example.yaml") =>
  parseZoneInput(Buffer.from(text, "utf8"), { source, origin: "fuzz.example" });
const txtOf = (text: string, source: string) =>
  read(text, source)
    .zones.flatMap((z) => z.records)
    .map((r) => (r.data as string[]).join(""));
const utf8 = (text: string) => Buffer.from(text, "utf8").toString("latin1");
/** Text whose UTF-8 survives a round trip (no lone surrogates, which no file can hold). */
const wellFormed = (maxLength: number) => anyText(maxLength).filter((t) => t.isWellFormed());

const octoDnsPiece = fc.oneof(
  fc.constantFrom("'':", "www:", "_dmarc:", "'*':", "- type: TXT", "  type: MX", "  value: x", "  values:"),
  fc.constantFrom(
    "    - exchange: mx.example.",
    "      preference: 10",
    "  ttl: 60",
    "&a",
    "*a",
    "[",
    "{",
    "'",
  ),
);
const planChange = fc.record(
  {
    address: fc.constantFrom("aws_route53_record.a", "cloudflare_record.b", "google_dns_record_set.c", "x.y"),
    type: fc.constantFrom(
      "aws_route53_record",
      "cloudflare_record",
      "cloudflare_dns_record",
      "google_dns_record_set",
      "azurerm_dns_txt_record",
      "azurerm_dns_mx_record",
      "aws_route53_zone",
      "null_resource",
    ),
    mode: fc.constantFrom("managed", "data"),
    change: fc.record(
      {
        actions: fc.constantFrom(["create"], ["update"], ["delete"], ["no-op"], ["delete", "create"], "x"),
        after: fc.oneof(
          fc.jsonValue({ maxDepth: 3 }),
          fc.record(
            {
              name: fc.string(),
              type: fc.constantFrom("TXT", "MX", "CNAME", "A"),
              records: fc.array(fc.string()),
              content: fc.string(),
              rrdatas: fc.array(fc.string()),
              zone_id: fc.string(),
              zone_name: fc.string(),
              record: fc.jsonValue({ maxDepth: 2 }),
              priority: fc.jsonValue({ maxDepth: 1 }),
            },
            { requiredKeys: [] },
          ),
        ),
        after_unknown: fc.jsonValue({ maxDepth: 2 }),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

describe("zone-format readers on generated input", () => {
  it("any text is read or refused with our own error, in bounded time", () => {
    fc.assert(
      fc.property(anyText(600), (text) => {
        expectContained(() => read(text), OURS);
        expectContained(() => read(`{${text}`, "fuzz.json"), OURS);
      }),
      fuzzOptions(150),
    );
  });

  it("near-valid octoDNS YAML is read or refused with a line", () => {
    fc.assert(
      fc.property(nearValid(octoDnsPiece, "\n", 20), (text) => {
        const outcome = expectContained(() => read(`---\n${text}\n`), OURS);
        if (outcome instanceof ZoneInputError && outcome.where !== undefined) {
          expect(typeof outcome.where).toBe("number");
        }
      }),
      fuzzOptions(),
    );
  });

  it("plans of arbitrary resource changes are read or refused naming a resource", () => {
    fc.assert(
      fc.property(fc.array(planChange, { maxLength: 6 }), (changes) => {
        const text = JSON.stringify({
          format_version: "1.2",
          terraform_version: "1.9.8",
          resource_changes: changes,
        });
        expectContained(() => read(text, "plan.json"), OURS);
      }),
      fuzzOptions(),
    );
  });

  it("TXT text round-trips through each format's quoting: DNSControl raw, octoDNS \\;, Route 53 octal", () => {
    fc.assert(
      fc.property(wellFormed(700), (text) => {
        const octets = utf8(text);
        const ir = JSON.stringify({
          domains: [{ name: "fuzz.example", records: [{ type: "TXT", name: "@", target: text }] }],
        });
        expect(txtOf(ir, "ir.json")).toEqual([octets]);

        // octoDNS: `;` and `\` escaped; a leading quote would read as pre-chunked, so it is escaped too.
        const octo = text.replace(/[\\;"]/g, (c) => `\\${c}`);
        expect(txtOf(`a:\n  type: TXT\n  value: ${JSON.stringify(octo)}\n`, "fuzz.example.yaml")).toEqual([
          octets,
        ]);

        // Route 53: the provider adds the outer quotes; \ddd octal for octets outside printable ASCII.
        const r53 = [...Buffer.from(text, "utf8")]
          .map((b) =>
            b === 0x22 || b === 0x5c
              ? `\\${String.fromCharCode(b)}`
              : b < 0x20 || b > 0x7e
                ? `\\${b.toString(8).padStart(3, "0")}`
                : String.fromCharCode(b),
          )
          .join("");
        const parts = r53.match(/(?:\\[0-7]{3}|\\.|[^\\]){1,200}/g) ?? [""];
        const plan = JSON.stringify({
          format_version: "1.2",
          resource_changes: [
            {
              address: "aws_route53_record.t",
              type: "aws_route53_record",
              change: {
                actions: ["create"],
                after: { name: "fuzz.example", type: "TXT", records: [parts.join('""')] },
              },
            },
          ],
        });
        expect(txtOf(plan, "plan.json")).toEqual([octets]);
      }),
      fuzzOptions(150),
    );
  });
});

describe("octoDNS: the fast block reader and yaml agree", () => {
  const scalarText = fc.oneof(
    fc.constantFrom(
      "v=spf1 -all",
      "v=DMARC1\\; p=reject",
      "10",
      "1.10",
      "0x1F",
      "true",
      "null",
      "~",
      "",
      "a: b",
      "x #c",
      "-1",
      "'q'",
      '"d\\u00e9"',
      "'it''s'",
      "*x",
      "&a b",
      "[1]",
      "{}",
      "|",
      ">",
      "@x",
      "a#b",
      "é ü",
    ),
    fc.string({ unit: fc.constantFrom(..."ab:#-' \"\\;=.{}[]*&!|>%@`\t"), maxLength: 12 }),
  );
  const key = fc.oneof(
    fc.constantFrom("''", "'*'", "www", "_dmarc", "a.b", '"q"', "x#y", "- z", "? k", "1.10"),
    scalarText,
  );
  const indentOf = fc.constantFrom("", " ", "  ", "    ");
  const line = fc.oneof(
    fc
      .tuple(indentOf, key, fc.option(scalarText, { nil: undefined }))
      .map(([i, k, v]) => `${i}${k}:${v === undefined ? "" : ` ${v}`}`),
    fc
      .tuple(indentOf, fc.option(scalarText, { nil: undefined }))
      .map(([i, v]) => `${i}-${v === undefined ? "" : ` ${v}`}`),
    fc.tuple(indentOf, key, scalarText).map(([i, k, v]) => `${i}- ${k}: ${v}`),
    fc.constantFrom("", "# comment", "---", "  # indented comment", "\t- x", "..."),
  );
  // Records valid by construction except for what the scalars hold: most documents read in both paths.
  const saneScalar = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.constantFrom(
        "v=spf1 -all",
        "v=DMARC1\\; p=reject",
        "'it''s'",
        '"d\\u00e9 \\"x\\""',
        "10",
        "1.10",
        "a#b",
        "é ü",
        "x #c",
        "'*'",
        "mx.example.",
      ),
    },
    { weight: 1, arbitrary: scalarText },
  );
  const record = (i: number) =>
    fc
      .tuple(
        fc.constantFrom("www", "_dmarc", "a.b", "s._domainkey"),
        fc.constantFrom("", "'", '"'),
        fc.constantFrom("TXT", "MX", "A"),
        saneScalar,
        saneScalar,
        fc.boolean(),
        fc.constantFrom("", "  # note"),
      )
      .map(([base, quote, t, v, w, list, comment]) => {
        const k = `${quote}${base}${i}${quote}`;
        const value = (x: string) => (t === "MX" ? `exchange: ${x}\n        preference: 10` : x);
        return list
          ? `${k}:${comment}\n  - type: ${t}\n    values:\n      - ${value(v)}\n      - ${value(w)}\n`
          : `${k}:\n  type: ${t}\n  ttl: 60${comment}\n  value:${t === "MX" ? `\n    exchange: ${v}\n    preference: 5` : ` ${v}`}\n`;
      });
  const documentOf = fc
    .integer({ min: 1, max: 5 })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => record(i))));
  const outcome = (text: string, parser: "auto" | "yaml") => {
    try {
      return { zone: readOctoDns(text, { source: "diff.example.yaml", parser }) };
    } catch (error) {
      if (error instanceof ZoneInputError) return { error: error.message };
      throw error;
    }
  };

  let agreedOnRecords = 0;
  it("on near-octoDNS block YAML: the same records, or both refuse", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          { weight: 1, arbitrary: fc.array(line, { maxLength: 12 }).map((l) => l.join("\n")) },
          { weight: 2, arbitrary: documentOf.map((r) => r.join("")) },
        ),
        (text) => {
          const fast = outcome(text, "auto");
          const slow = outcome(text, "yaml");
          if ("zone" in slow) agreedOnRecords++;
          if ("zone" in slow) expect(fast).toEqual(slow);
          // Refusals may word the reason differently (yaml names its own errors), never disagree on success.
          else expect("error" in fast).toBe(true);
        },
      ),
      fuzzOptions(),
    );
    // The property means something only if many generated documents are read, not refused.
    expect(agreedOnRecords).toBeGreaterThan(50);
  });
});
