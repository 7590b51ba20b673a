import { describe, expect, it } from "vitest";
import { ZoneInputError } from "../../src/zone-formats/input-error.js";
import { parseZoneInput } from "../../src/zone-formats/read-zone-input.js";

const read = (ir: unknown) => parseZoneInput(Buffer.from(JSON.stringify(ir, null, 2)), { source: "ir.json" });

describe("DNSControl print-ir JSON", () => {
  it("reads several domains, each record placed by its short name", () => {
    const input = read({
      registrars: [],
      dns_providers: [],
      domains: [
        {
          name: "example.com",
          records: [
            { type: "TXT", name: "@", target: "v=spf1 -all", ttl: 300 },
            { type: "MX", name: "@", target: "mx.example.net.", mxpreference: 10 },
            { type: "CNAME", name: "www", target: "@" },
          ],
        },
        {
          name: "example.org!internal",
          records: [{ type: "TXT", name: "_dmarc", target: "v=DMARC1; p=none" }],
        },
      ],
    });
    expect(input.format).toBe("dnscontrol");
    expect(input.zones.map((z) => z.origin)).toEqual(["example.com", "example.org"]);
    expect(input.zones[0]?.records).toEqual([
      { name: "example.com", ttl: 300, type: "TXT", data: ["v=spf1 -all"] },
      { name: "example.com", ttl: 300, type: "MX", data: { priority: 10, exchange: "mx.example.net" } },
      { name: "www.example.com", ttl: 300, type: "CNAME", data: "example.com" },
    ]);
    expect(input.zones[1]?.records[0]?.name).toBe("_dmarc.example.org");
  });

  it("reads each version's TXT and MX fields: txtstrings, long targets, Fields.Preference, an omitted 0", () => {
    const long = `v=DKIM1; p=${"B".repeat(400)}`;
    const [old, split, newer, nullMx] =
      read({
        domains: [
          {
            name: "example.com",
            records: [
              { type: "TXT", name: "a", target: "bonie", txtstrings: ["bonie", "clyde"] },
              { type: "TXT", name: "k._domainkey", target: long },
              {
                type: "MX",
                name: "@",
                target: "mx.example.net.",
                Fields: { Mx: "mx.example.net.", Preference: 5 },
              },
              { type: "MX", name: "null", target: "." },
            ],
          },
        ],
      }).zones[0]?.records ?? [];
    expect(old?.data).toEqual(["bonie", "clyde"]);
    expect(((split?.data ?? []) as string[]).map((s) => s.length)).toEqual([255, long.length - 255]);
    expect(newer?.data).toEqual({ priority: 5, exchange: "mx.example.net" });
    expect(nullMx?.data).toEqual({ priority: 0, exchange: "." });
  });

  it("refuses a record it cannot read with the IR line and the dnsconfig.js position", () => {
    const ir = {
      domains: [
        {
          name: "example.com",
          records: [
            { type: "A", name: "@", target: "192.0.2.1" },
            { type: "MX", name: "@", target: "mx.example.net.", mxpreference: 70000, filepos: "[line:7:3]" },
          ],
        },
      ],
    };
    const text = JSON.stringify(ir, null, 2);
    const line = text.split("\n").findIndex((l) => l.includes('"type": "MX"'));
    try {
      read(ir);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ZoneInputError);
      // The record's object opens one line above its first field.
      expect((error as ZoneInputError).where).toBe(line);
      expect((error as Error).message).toContain("dnsconfig.js [line:7:3]");
    }
  });

  it("reads a domain whose records Go wrote as null as a zone without records", () => {
    const input = read({ domains: [{ name: "empty.example", records: null }] });
    expect(input.zones).toEqual([{ origin: "empty.example", records: [], source: "ir.json" }]);
  });

  it("refuses JSON that is neither a plan nor an IR", () => {
    expect(() => read({ hello: "world" })).toThrow(/neither a Terraform plan .* nor DNSControl/);
  });
});
