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

describe("records a zone holds without their data (dns/not-checked)", () => {
  const unknownTxt = {
    name: "s1._domainkey.example.com",
    type: "TXT",
    source: "plan.json: aws_route53_record.s1",
    reason: "records known only after apply",
    kind: "after-apply" as const,
  };
  const unknownCname = {
    name: "ses._domainkey.example.com",
    type: "CNAME",
    source: "plan.json: aws_route53_record.ses",
    reason: "records known only after apply",
    kind: "after-apply" as const,
  };
  const ignoredDmarc = {
    name: "_dmarc.example.com",
    type: "TXT",
    source: "example.com.yaml:4",
    reason: "octodns ignored: true, so octoDNS leaves it as DNS publishes it",
    kind: "left-as-published" as const,
  };
  const anywhere = {
    type: "TXT",
    source: "plan.json: aws_route53_record.x",
    reason: "name known only after apply",
    kind: "after-apply" as const,
  };
  const withUnknowns = { ...parent, unchecked: [unknownTxt, unknownCname, ignoredDmarc] };

  it("answers no record set it holds without data, and the name still exists for other types", () => {
    const zones = new ZoneSet([withUnknowns]);
    expect(zones.lookup("s1._domainkey.example.com", "TXT")).toMatchObject({
      kind: "unchecked",
      records: [unknownTxt],
    });
    // Not NXDOMAIN: the record will be there after apply, so the name exists.
    expect(zones.lookup("s1._domainkey.example.com", "A").kind).toBe("nodata");
    expect(zones.lookup("_domainkey.example.com", "TXT").kind).toBe("nodata");
    // A CNAME without data stands in for every type at its name.
    expect(zones.lookup("ses._domainkey.example.com", "TXT")).toMatchObject({
      kind: "unchecked",
      at: "ses._domainkey.example.com",
      records: [unknownCname],
    });
  });

  it("one unknown member makes the whole set unknown (a Cloudflare zone: one resource per record)", () => {
    const zones = new ZoneSet([{ ...parent, unchecked: [{ ...unknownTxt, name: "example.com" }] }]);
    expect(zones.lookup("example.com", "TXT").kind).toBe("unchecked");
  });

  it("a record without a name may be anywhere in its zone: every answer of its type there names it", () => {
    const zones = new ZoneSet([{ ...parent, unchecked: [anywhere] }, child]);
    expect(zones.lookup("example.com", "TXT")).toMatchObject({ kind: "answer", mayChange: [anywhere] });
    expect(zones.lookup("nothing.example.com", "TXT")).toMatchObject({
      kind: "nxdomain",
      mayChange: [anywhere],
    });
    expect(zones.lookup("example.com", "MX")).not.toHaveProperty("mayChange");
    // The child zone is another zone: the plan's record cannot be there.
    expect(zones.lookup("child.example.com", "TXT")).not.toHaveProperty("mayChange");
  });

  it("the resolver answers them with no verdict that names the record, offline or not", async () => {
    const fallback = { query: async () => ({ kind: "ok", records: [["from dns"]] }) } as unknown as Resolver;
    for (const outside of [{ ask: fallback }, "assume-absent" as const]) {
      const resolver = new ZoneResolver(new ZoneSet([withUnknowns]), outside);
      expect(await resolver.query("s1._domainkey.example.com", "TXT")).toEqual({
        kind: "temperror",
        reason: "not checked: plan.json: aws_route53_record.s1 (records known only after apply)",
        notChecked: [unknownTxt],
      });
    }
  });

  it("a record octoDNS leaves as published is asked of DNS, and not checked only offline", async () => {
    const fallback = {
      query: async () => ({ kind: "ok", records: [["v=DMARC1; p=reject"]] }),
    } as unknown as Resolver;
    const online = new ZoneResolver(new ZoneSet([withUnknowns]), { ask: fallback });
    expect(await online.query("_dmarc.example.com", "TXT")).toEqual({
      kind: "ok",
      records: [["v=DMARC1; p=reject"]],
    });
    const offline = new ZoneResolver(new ZoneSet([withUnknowns]), "assume-absent");
    expect(await offline.query("_dmarc.example.com", "TXT")).toMatchObject({
      kind: "temperror",
      notChecked: [ignoredDmarc],
    });
  });

  it("answers carry the records that may change them", async () => {
    const offline = new ZoneResolver(new ZoneSet([{ ...parent, unchecked: [anywhere] }]), "assume-absent");
    expect(await offline.query("example.com", "TXT")).toEqual({
      kind: "ok",
      records: [["v=spf1 -all"]],
      notChecked: [anywhere],
    });
  });
});
