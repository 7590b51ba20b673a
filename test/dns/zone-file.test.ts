import { describe, expect, it } from "vitest";
import { parseZoneFile, ZoneFileError } from "../../src/dns/zone-file.js";

describe("parseZoneFile (RFC 1035 §5)", () => {
  it("reads $ORIGIN, $TTL, @, relative names, omitted owners and class/TTL in either order", () => {
    const zone = parseZoneFile(
      [
        "$ORIGIN example.com.",
        "$TTL 1h",
        "@ IN SOA ns1 hostmaster ( 1 3600 600",
        "          86400 300 ) ; multi-line",
        "  IN MX 10 mx1",
        "www 60 IN A 192.0.2.1",
        "mail IN 120 AAAA 2001:db8::1",
        "abs.other.test. CNAME www",
      ].join("\n"),
    );
    expect(zone.origin).toBe("example.com");
    expect(zone.records.map((r) => [r.name, r.type, r.ttl, r.data])).toEqual([
      [
        "example.com",
        "SOA",
        3600,
        {
          primary: "ns1.example.com",
          admin: "hostmaster.example.com",
          serial: 1,
          refresh: 3600,
          retry: 600,
          expiration: 86400,
          minimum: 300,
        },
      ],
      ["example.com", "MX", 3600, { priority: 10, exchange: "mx1.example.com" }],
      ["www.example.com", "A", 60, "192.0.2.1"],
      ["mail.example.com", "AAAA", 120, "2001:db8::1"],
      ["abs.other.test", "CNAME", 120, "www.example.com"],
    ]);
  });

  it("keeps TXT character-strings apart and decodes \\X and \\DDD escapes as octets", () => {
    const zone = parseZoneFile('$ORIGIN e.test.\n@ TXT "v=spf1 " "-all" "a\\"b" "\\027[31m" unquoted\n');
    expect(zone.records[0]?.data).toEqual(["v=spf1 ", "-all", 'a"b', "\u001b[31m", "unquoted"]);
  });

  it("rejects a character-string over 255 octets, naming file and line", () => {
    const long = `"${"a".repeat(256)}"`;
    expect(() => parseZoneFile(`$ORIGIN e.test.\n\n@ TXT ${long}\n`, { source: "z.zone" })).toThrow(
      /^z\.zone:3: TXT character-string over 255 octets/,
    );
  });

  it.each([
    ['@ IN TXT ("open"', /unbalanced \(/],
    ['@ TXT "never closed', /unterminated quoted string/],
    ["www A 192.0.2.1", /relative name "www" with no \$ORIGIN/],
    ["$ORIGIN e.test.\n@ MX ten mx", /MX preference "ten"/],
    ["$INCLUDE other.zone", /unsupported directive/],
    ["$ORIGIN e.test.\n@ IN", /no record type/],
  ])("reports %j as a ZoneFileError", (text, reason) => {
    let error: unknown;
    try {
      parseZoneFile(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ZoneFileError);
    expect((error as Error).message).toMatch(reason);
  });
});
