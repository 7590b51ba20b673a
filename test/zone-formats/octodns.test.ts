import { describe, expect, it } from "vitest";
import type { ZoneRecord } from "../../src/dns/zone-records.js";
import { ZoneInputError } from "../../src/zone-formats/input-error.js";
import { readOctoDns } from "../../src/zone-formats/octodns.js";
import { parseZoneInput } from "../../src/zone-formats/read-zone-input.js";

const read = (text: string, source = "zones/example.com.yaml", origin?: string) =>
  parseZoneInput(Buffer.from(text, "utf8"), { source, ...(origin ? { origin } : {}) });
const records = (text: string) => read(text).zones[0]?.records ?? [];
const failure = (text: string, source?: string) => {
  try {
    read(text, source);
  } catch (error) {
    if (error instanceof ZoneInputError) return { where: error.where, message: error.message };
    throw error;
  }
  throw new Error("expected a ZoneInputError");
};

describe("octoDNS zone YAML", () => {
  it("reads the apex, value and values, TTLs, MX, CNAME and TXT with escaped semicolons", () => {
    const zone = read(`---
'':
  - type: TXT
    value: v=spf1 -all
  - type: MX
    values:
      - exchange: mx1.example.net.
        preference: 10
      - value: mx2.example.net.
        priority: 20
_dmarc:
  type: TXT
  ttl: 60
  values:
    - v=DMARC1\\; p=reject\\; rua=mailto:d@example.com
www.sub:
  type: CNAME
  value: target.example.net.
`).zones[0];
    expect(zone?.origin).toBe("example.com");
    expect(zone?.records).toEqual<ZoneRecord[]>([
      { name: "example.com", ttl: 3600, type: "TXT", data: ["v=spf1 -all"] },
      { name: "example.com", ttl: 3600, type: "MX", data: { priority: 10, exchange: "mx1.example.net" } },
      { name: "example.com", ttl: 3600, type: "MX", data: { priority: 20, exchange: "mx2.example.net" } },
      {
        name: "_dmarc.example.com",
        ttl: 60,
        type: "TXT",
        data: ["v=DMARC1; p=reject; rua=mailto:d@example.com"],
      },
      { name: "www.sub.example.com", ttl: 3600, type: "CNAME", data: "target.example.net" },
    ]);
  });

  it("splits long values into 255-octet strings and joins values written pre-chunked", () => {
    const key = "A".repeat(600);
    const [long, chunked] = records(
      `a:\n  type: TXT\n  value: v=DKIM1\\; p=${key}\nb:\n  type: TXT\n  value: '"v=spf1 " "-all"'\n`,
    );
    expect(((long?.data ?? []) as string[]).map((s) => s.length)).toEqual([255, 255, 101]);
    expect(((long?.data ?? []) as string[]).join("")).toBe(`v=DKIM1; p=${key}`);
    expect(chunked?.data).toEqual(["v=spf1 -all"]);
  });

  it("keeps Unicode as UTF-8 octets, quotes as they are, and \\DDD escapes as octets", () => {
    const [record] = records(`n:\n  type: TXT\n  value: 'n=Grüße "x"\\; y=\\065'\n`);
    expect(record?.data).toEqual(['n=Gr\u00c3\u00bc\u00c3\u009fe "x"; y=A']);
  });

  it("takes the zone's name from --zone-origin or from the file name, and says how when neither works", () => {
    expect(read("a:\n  type: A\n  value: 192.0.2.1\n", "x/zone.yaml", "example.org.").zones[0]?.origin).toBe(
      "example.org",
    );
    expect(read("a:\n  type: A\n  value: 192.0.2.1\n", "x/Example.NET.yml").zones[0]?.origin).toBe(
      "example.net",
    );
    expect(failure("a:\n  type: A\n  value: 192.0.2.1\n", "x/records.yaml").message).toContain(
      "--zone-origin",
    );
  });

  it("accepts anchors and aliases, the way octoDNS (PyYAML) does", () => {
    const [a, b] = records("a:\n  type: TXT\n  value: &spf v=spf1 -all\nb:\n  type: TXT\n  value: *spf\n");
    expect(a?.data).toEqual(b?.data);
  });

  it("holds a record marked octodns ignored: true without serving it (octoDNS leaves it as published)", () => {
    for (const parser of ["auto", "yaml"] as const) {
      const text = `'':
  - type: TXT
    value: v=spf1 -all
_dmarc:
  octodns:
    ignored: true
  type: TXT
  value: v=DMARC1\\; p=none
s1._domainkey:
  - type: TXT
    octodns: { ignored: false }
    value: v=DKIM1\\; p=AB
`;
      const zone =
        parser === "auto"
          ? read(text).zones[0]
          : readOctoDns(text, { source: "zones/example.com.yaml", parser });
      expect(zone?.records.map((r) => r.name)).toEqual(["example.com", "s1._domainkey.example.com"]);
      expect(zone?.unchecked).toEqual([
        {
          name: "_dmarc.example.com",
          type: "TXT",
          source: "zones/example.com.yaml:4",
          reason: "octodns ignored: true, so octoDNS leaves it as DNS publishes it",
          kind: "left-as-published",
        },
      ]);
    }
    // Its values are still read, as octoDNS validates them; a value of ignored that is no boolean is refused.
    expect(
      failure("a:\n  type: MX\n  octodns:\n    ignored: true\n  value: mx.example.net.\n").message,
    ).toContain("preference");
    const notBoolean = failure("a:\n  type: A\n  octodns:\n    ignored: maybe\n  value: 192.0.2.1\n");
    expect(notBoolean).toEqual({
      where: 4,
      message: expect.stringContaining("octodns.ignored must be true or false"),
    });
  });

  it.each([
    ["a record without a type", "ok:\n  type: A\n  value: 192.0.2.1\nbad:\n  value: x\n", 4, "no type"],
    [
      "a CNAME without its trailing dot",
      "a:\n  type: A\n  value: 192.0.2.1\nw:\n  type: CNAME\n  value: target.example.net\n",
      6,
      "trailing dot",
    ],
    [
      "an MX without preference",
      "'':\n  type: MX\n  value:\n    exchange: mx.example.net.\n",
      4,
      "preference",
    ],
    ["a non-numeric ttl", "a:\n  type: A\n  ttl: soon\n  value: 192.0.2.1\n", 3, "ttl"],
    [
      "a duplicate name",
      "a:\n  type: A\n  value: 192.0.2.1\na:\n  type: A\n  value: 192.0.2.2\n",
      4,
      "appears twice",
    ],
    ["invalid YAML", "a:\n  type: A\n  value: [1, 2\nb: 3\n", 4, "YAML"],
    ["a record with no value", "a:\n  type: TXT\n", 1, "no value"],
  ])("refuses %s with its line", (_name, text, line, reason) => {
    const error = failure(text);
    expect(error.where).toBe(line);
    expect(error.message).toContain(reason);
  });
});
