import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DeadlineResolver, domainBudgetMs } from "../../src/dns/deadline-resolver.js";
import { decodeTxtBytes, decodeTxtOctets } from "../../src/dns/txt-octets.js";
import type { Resolver } from "../../src/dns/types.js";
import { fuzzOptions } from "../fuzz/fuzz-kit.js";

describe("decodeTxtOctets", () => {
  it("shows valid UTF-8 as text and keeps other octets one character each", () => {
    expect(decodeTxtOctets("v=spf1 -all")).toBe("v=spf1 -all");
    expect(decodeTxtOctets(Buffer.from("café ✓", "utf8").toString("latin1"))).toBe("café ✓");
    expect(decodeTxtOctets("\u00ff\u00fe")).toBe("\u00ff\u00fe");
  });

  it("reads the same from a message's octets (decodeTxtBytes) as from their Latin-1 string", () => {
    // Octets around the cut points: ASCII, UTF-8 sequences (whole and cut), lone high octets.
    const octet = fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0x80, max: 0xff }));
    const utf8 = fc.string({ unit: "binary", maxLength: 8 }).map((text) => [...Buffer.from(text, "utf8")]);
    const pieces = fc.array(fc.oneof(fc.array(octet, { maxLength: 4 }), utf8), { maxLength: 6 });
    fc.assert(
      fc.property(pieces, fc.nat(3), fc.nat(3), (parts, before, after) => {
        const octets = Buffer.from(parts.flat());
        // Inside a larger message, as the reader sees it.
        const message = Buffer.concat([Buffer.alloc(before, 0xc3), octets, Buffer.alloc(after, 0xa9)]);
        const read = decodeTxtBytes(message, before, before + octets.length);
        expect(read).toBe(decodeTxtOctets(octets.toString("latin1")));
      }),
      fuzzOptions(300),
    );
  });
});

describe("DeadlineResolver", () => {
  const slow: Resolver = {
    query: () => new Promise((resolve) => setTimeout(() => resolve({ kind: "nodata" }), 200)),
  } as Resolver;

  it("passes answers through within the budget", async () => {
    expect(await new DeadlineResolver(slow, 5_000).query("a.test", "TXT")).toEqual({ kind: "nodata" });
  });

  it("ends a question in flight at the deadline, and every later one at once, as temporary failures", async () => {
    const resolver = new DeadlineResolver(slow, 50);
    expect(await resolver.query("a.test", "TXT")).toEqual({
      kind: "temperror",
      reason: "audit time budget of 0.05 s used up",
    });
    const started = Date.now();
    expect((await resolver.query("b.test", "TXT")).kind).toBe("temperror");
    expect(Date.now() - started).toBeLessThan(150);
  });

  it("allows a few failing queries at the per-query timeout", () => {
    expect(domainBudgetMs(500)).toBe(10_000);
    expect(domainBudgetMs(5_000)).toBe(20_000);
  });
});
