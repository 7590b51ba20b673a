import { describe, expect, it } from "vitest";
import { DeadlineResolver, domainBudgetMs } from "../../src/dns/deadline-resolver.js";
import { decodeTxtOctets } from "../../src/dns/txt-octets.js";
import type { Resolver } from "../../src/dns/types.js";

describe("decodeTxtOctets", () => {
  it("shows valid UTF-8 as text and keeps other octets one character each", () => {
    expect(decodeTxtOctets("v=spf1 -all")).toBe("v=spf1 -all");
    expect(decodeTxtOctets(Buffer.from("café ✓", "utf8").toString("latin1"))).toBe("café ✓");
    expect(decodeTxtOctets("\u00ff\u00fe")).toBe("\u00ff\u00fe");
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
