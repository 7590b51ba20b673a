import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CachingResolver } from "../../src/dns/caching-resolver.js";
import { SystemResolver } from "../../src/dns/system-resolver.js";
import { type FixtureServer, loadZoneFile, startFixtureServer } from "../helpers/dns-server.js";

let server: FixtureServer;
let resolver: SystemResolver;

beforeAll(async () => {
  server = await startFixtureServer({
    zones: [loadZoneFile("fixtures/zones/basic.example.zone")],
    faults: {
      "broken.basic.example": "servfail",
      "refused.basic.example": "refused",
      "dead.basic.example": "drop",
    },
  });
  resolver = new SystemResolver({ servers: [server.address], timeoutMs: 300, tries: 1 });
});
afterAll(() => server.close());

describe("SystemResolver over real UDP/TCP on loopback", () => {
  it("returns TXT records with their character-strings", async () => {
    const answer = await resolver.query("_spf.basic.example", "TXT");
    expect(answer).toEqual({
      kind: "ok",
      records: [["v=spf1 ip4:192.0.2.0/24 ", "ip6:2001:db8::/32 ~all"]],
      // The zone's $TTL, and no DNSSEC: the fixture server never sets the AD bit.
      ttl: 300,
      dnssec: "not validated",
    });
  });

  it("reads answers over 512 bytes (EDNS0)", async () => {
    const answer = await resolver.query("big.basic.example", "TXT");
    expect(answer.kind).toBe("ok");
    if (answer.kind === "ok") expect(answer.records).toHaveLength(5);
  });

  it("tells NXDOMAIN from NODATA", async () => {
    expect(await resolver.query("nothing.basic.example", "TXT")).toMatchObject({ kind: "nxdomain" });
    expect(await resolver.query("mx1.basic.example", "TXT")).toMatchObject({ kind: "nodata" });
    // An empty non-terminal exists (RFC 8020): NODATA, not NXDOMAIN.
    expect(await resolver.query("b.deep.basic.example", "TXT")).toMatchObject({ kind: "nodata" });
  });

  it("follows CNAMEs and says which names it went through", async () => {
    const answer = await resolver.query("alias.basic.example", "TXT");
    expect(answer).toMatchObject({ kind: "ok", cnames: ["_spf.basic.example"] });
  });

  it("calls a CNAME loop a temporary failure, never missing", async () => {
    expect(await resolver.query("loop1.basic.example", "TXT")).toMatchObject({ kind: "temperror" });
  });

  it("reports SERVFAIL, REFUSED and timeouts as temporary failures, never as missing", async () => {
    expect(await resolver.query("broken.basic.example", "TXT")).toEqual({
      kind: "temperror",
      reason: "SERVFAIL",
    });
    expect(await resolver.query("refused.basic.example", "TXT")).toEqual({
      kind: "temperror",
      reason: "REFUSED",
    });
    const started = Date.now();
    expect(await resolver.query("dead.basic.example", "TXT")).toEqual({
      kind: "temperror",
      reason: "timeout",
    });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("returns MX records", async () => {
    expect(await resolver.query("basic.example", "MX")).toEqual({
      kind: "ok",
      records: [{ exchange: "mx1.basic.example", priority: 10 }],
      ttl: 300,
      dnssec: "not validated",
    });
  });
});

describe("CachingResolver", () => {
  it("asks each unique question once, even when asked concurrently", async () => {
    const before = server.queries.length;
    const cached = new CachingResolver(resolver);
    await Promise.all([
      cached.query("basic.example", "TXT"),
      cached.query("BASIC.example.", "TXT"),
      cached.query("basic.example", "TXT"),
      cached.query("basic.example", "MX"),
    ]);
    expect(cached.upstreamQueries).toBe(2);
    expect(server.queries.slice(before).sort()).toEqual(["MX basic.example", "TXT basic.example"]);
  });
});
