/**
 * The --zone readers (octoDNS, DNSControl IR, Terraform plans) on generated input: any text and any
 * JSON shaped like their formats is read or refused with our own error, in bounded time; and TXT data
 * written in each format's own quoting reads back to exactly the octets that were meant.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ZoneFileError } from "../../src/dns/zone-file.js";
import { ZoneInputError } from "../../src/zone-formats/input-error.js";
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
