import { describe, expect, it } from "vitest";
import type { Resolver } from "../../src/dns/types.js";
import { parseZoneFile } from "../../src/dns/zone-file.js";
import { ZoneSet } from "../../src/dns/zone-records.js";
import { ZoneResolver } from "../../src/dns/zone-resolver.js";

const parent = parseZoneFile(
  [
    "$ORIGIN example.com.",
    '@ TXT "v=spf1 -all"',
    'child TXT "v=spf1 stale-parent-copy -all"',
    'a.b.deep TXT "deep"',
    "alias CNAME target",
    'target TXT "via cname"',
    "loop1 CNAME loop2",
    "loop2 CNAME loop1",
    "out CNAME elsewhere.test.",
    '*.wild TXT "wildcard"',
  ].join("\n"),
);
const child = parseZoneFile(
  '$ORIGIN child.example.com.\n@ TXT "v=spf1 include:_spf.child.example.com -all"\n',
);

describe("ZoneSet", () => {
  const zones = new ZoneSet([parent, child]);

  it("answers a name from the most specific zone alone (no merging with a parent's copy)", () => {
    const result = zones.lookup("child.example.com", "TXT");
    expect(result.kind).toBe("answer");
    if (result.kind === "answer")
      expect(result.records.map((r) => r.data)).toEqual([["v=spf1 include:_spf.child.example.com -all"]]);
  });

  it("tells NXDOMAIN from NODATA, with empty non-terminals existing (RFC 8020)", () => {
    expect(zones.lookup("nothing.example.com", "TXT").kind).toBe("nxdomain");
    expect(zones.lookup("example.com", "MX").kind).toBe("nodata");
    expect(zones.lookup("b.deep.example.com", "TXT").kind).toBe("nodata");
  });

  it("follows CNAMEs, detects loops, and hands names outside every zone back", () => {
    const viaCname = zones.lookup("alias.example.com", "TXT");
    expect(viaCname.kind).toBe("answer");
    expect(viaCname.chain.map((r) => r.name)).toEqual(["alias.example.com"]);
    expect(zones.lookup("loop1.example.com", "TXT").kind).toBe("cname-loop");
    expect(zones.lookup("out.example.com", "TXT")).toMatchObject({
      kind: "outside",
      target: "elsewhere.test",
    });
    expect(zones.lookup("example.org", "TXT")).toMatchObject({ kind: "outside", target: "example.org" });
  });

  it("synthesizes wildcard answers (RFC 4592)", () => {
    const result = zones.lookup("anything.wild.example.com", "TXT");
    expect(result.kind).toBe("answer");
  });
});

describe("ZoneResolver", () => {
  it("answers inside the zones and falls back to DNS outside", async () => {
    const zones = new ZoneSet([parent]);
    const fallback = {
      query: async () => ({ kind: "ok", records: [["from dns"]] }),
    } as unknown as Resolver;
    const layered = new ZoneResolver(zones, { ask: fallback });
    expect(await layered.query("example.com", "TXT")).toMatchObject({
      kind: "ok",
      records: [["v=spf1 -all"]],
    });
    // The CNAME chain is part of the answer, across the zone's edge into DNS too.
    expect(await layered.query("alias.example.com", "TXT")).toMatchObject({
      kind: "ok",
      records: [["via cname"]],
      cnames: ["target.example.com"],
    });
    expect(await layered.query("out.example.com", "TXT")).toEqual({
      kind: "ok",
      records: [["from dns"]],
      cnames: ["elsewhere.test"],
    });
    expect(await layered.query("nothing.example.com", "TXT")).toEqual({ kind: "nxdomain" });
    expect(await layered.query("example.org", "TXT")).toEqual({ kind: "ok", records: [["from dns"]] });
  });

  it("offline, takes names outside every zone as non-existent and says which name it assumed", async () => {
    const offline = new ZoneResolver(new ZoneSet([parent]), "assume-absent");
    expect(await offline.query("_dmarc.com", "TXT")).toEqual({
      kind: "nxdomain",
      assumedAbsent: "_dmarc.com",
    });
    // An authoritative NXDOMAIN inside a zone is DNS's word, not an assumption.
    expect(await offline.query("nothing.example.com", "TXT")).toEqual({ kind: "nxdomain" });
    // A CNAME in the zone that leads outside: the outside name is the one assumed (and the chain says how).
    expect(await offline.query("out.example.com", "TXT")).toEqual({
      kind: "nxdomain",
      assumedAbsent: "elsewhere.test",
      cnames: ["elsewhere.test"],
    });
    expect((await offline.query("loop1.example.com", "TXT")).kind).toBe("temperror");
  });
});
