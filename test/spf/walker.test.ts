import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FailureRecorder } from "../../src/audit/failure-recorder.js";
import { SystemResolver } from "../../src/dns/system-resolver.js";
import { collectSpf } from "../../src/spf/collect.js";
import { spfNodes } from "../../src/spf/tree.js";
import type { SpfNode } from "../../src/spf/types.js";
import { type FixtureServer, startFixtureServer } from "../helpers/dns-server.js";
import { SPF_FAULTS, spfZones } from "./zones.js";

let server: FixtureServer;
let resolver: SystemResolver;
beforeAll(async () => {
  server = await startFixtureServer({
    zones: spfZones(),
    faults: SPF_FAULTS,
  });
  resolver = new SystemResolver({ servers: [server.address], timeoutMs: 1000, tries: 1 });
});
afterAll(() => server.close());

const child = (node: SpfNode | null | undefined, domain: string) =>
  node?.children.find((c) => c.domain === domain);

describe("static SPF walker: provider-shaped trees (hand-counted)", () => {
  // Each count is written out term by term: include terms count in the record that holds them.
  const cases: [string, number, string][] = [
    ["google.customer.example", 4, "include:_spf.google.com (1) + its three _netblocks includes (3)"],
    ["m365.customer.example", 2, "include:spf.protection.outlook.com (1) + include:spfd… (1)"],
    ["sendgrid.customer.example", 1, "include:sendgrid.net (1), ip4 only below"],
    ["mailchimp.customer.example", 1, "include:servers.mcsv.net (1), ip4 only below"],
    [
      "salesforce.customer.example",
      2,
      "include:_spf.salesforce.com (1) + exists:%{i}… (1, a macro target still costs one)",
    ],
    ["everything.customer.example", 11, "mx (1) + 5 includes (5) + google 3 + outlook 1 + salesforce 1"],
  ];
  for (const [domain, count, why] of cases) {
    it(`${domain} needs ${count} lookups: ${why}`, async () => {
      const audit = await collectSpf(resolver, domain);
      expect(audit.lookupCount).toBe(count);
      expect(audit.voidLookupCount).toBe(0);
      expect(audit.inconclusive).toBe(false);
      expect(audit.lookupCountIsLowerBound).toBe(false);
    });
  }

  it("attributes the count per include", async () => {
    const audit = await collectSpf(resolver, "everything.customer.example");
    const tree = audit.tree as SpfNode;
    expect(tree.ownLookups).toBe(6);
    expect(child(tree, "_spf.google.com")?.subtreeLookups).toBe(3);
    expect(child(tree, "_spf.google.com")?.children.map((c) => c.domain)).toEqual([
      "_netblocks.google.com",
      "_netblocks2.google.com",
      "_netblocks3.google.com",
    ]);
    expect(child(tree, "spf.protection.outlook.com")?.subtreeLookups).toBe(1);
    expect(child(tree, "sendgrid.net")?.subtreeLookups).toBe(0);
    expect(tree.subtreeLookups).toBe(audit.lookupCount);
  });
});

describe("static SPF walker: limits and faults", () => {
  it("counts all 13 terms of a tree past the limit, never stopping at 10", async () => {
    const audit = await collectSpf(resolver, "thirteen.limits.example");
    expect(audit.lookupCount).toBe(13);
    const tree = audit.tree as SpfNode;
    expect(tree.ownLookups).toBe(5);
    expect(child(tree, "i2.limits.example")?.ownLookups).toBe(1); // a: after -all ignored (§5.1)
    expect(child(tree, "r.limits.example")).toMatchObject({ via: "redirect", ownLookups: 2 }); // exp not counted
    expect([...spfNodes(audit)].flatMap((n) => n.ptrTerms)).toEqual(["ptr"]);
  });

  it("counts void lookups: NODATA and NXDOMAIN", async () => {
    const audit = await collectSpf(resolver, "voids.limits.example");
    expect(audit.lookupCount).toBe(3);
    expect(audit.voidLookupCount).toBe(3);
  });

  it("does not count an a: name with only AAAA as void (void for every client only)", async () => {
    const audit = await collectSpf(resolver, "twovoid.limits.example");
    expect(audit.voidLookupCount).toBe(2);
    expect(audit.tree?.lookupTerms.map((t) => t.void)).toEqual([false, true, true]);
  });

  it("detects an include loop and does not follow it forever", async () => {
    const audit = await collectSpf(resolver, "loop-a.limits.example");
    const loop = [...spfNodes(audit)].find((n) => n.status === "loop");
    expect(loop).toMatchObject({ domain: "loop-a.limits.example", via: "include" });
    expect(audit.lookupCount).toBe(2);
    expect(audit.lookupCountIsLowerBound).toBe(true);
  });

  it("detects a redirect to itself", async () => {
    const audit = await collectSpf(resolver, "selfredirect.limits.example");
    expect(audit.tree?.children[0]).toMatchObject({ status: "loop", via: "redirect" });
  });

  it("marks include targets without SPF as missing; a non-existent one is also void", async () => {
    const audit = await collectSpf(resolver, "missing-include.limits.example");
    expect(audit.tree?.children.map((c) => [c.domain, c.status])).toEqual([
      ["txtonly.limits.example", "missing"],
      ["gone4.limits.example", "missing"],
    ]);
    expect(audit.voidLookupCount).toBe(1);
  });

  it("reports several records at one name and evaluates none of them", async () => {
    const audit = await collectSpf(resolver, "multi.limits.example");
    expect(audit.record).toBeNull();
    expect(audit.records).toHaveLength(2);
    expect(audit.tree?.status).toBe("multiple");
  });

  it("never follows or guesses an include built from macros", async () => {
    const audit = await collectSpf(resolver, "macro.limits.example");
    expect(audit.lookupCount).toBe(1);
    expect(audit.lookupCountIsLowerBound).toBe(true);
    expect(audit.tree?.uncountableTerms).toEqual(["include:%{i}._ip.%{h}._ehlo.%{d}._spf.vali.example"]);
    expect(server.queries.some((q) => q.includes("vali.example"))).toBe(false);
  });

  it("counts the MX hosts of an mx term", async () => {
    const audit = await collectSpf(resolver, "manymx.limits.example");
    expect(audit.tree?.lookupTerms).toEqual([{ term: "mx", void: false, mxHosts: 11 }]);
  });

  it("keeps a SERVFAIL in the tree inconclusive, never missing", async () => {
    const recorder = new FailureRecorder(resolver);
    const audit = await collectSpf(recorder, "servfail.limits.example");
    expect(audit.inconclusive).toBe(true);
    expect(audit.tree?.children[0]).toMatchObject({ domain: "broken.limits.example", status: "temperror" });
    expect(recorder.failures).toEqual([{ name: "broken.limits.example", type: "TXT", reason: "SERVFAIL" }]);
  });

  it("joins 255-octet character-strings with no separator", async () => {
    const audit = await collectSpf(resolver, "split.limits.example");
    expect(audit.record).toMatch(/^v=spf1 ip4:198\.51\.100\.1\/32 .* -all$/);
    expect(audit.tree?.syntaxProblems).toEqual([]);
    expect(audit.record).not.toMatch(/ {2}/);
  });

  it("reads a record whose answer is over 512 bytes in one UDP exchange (EDNS0)", async () => {
    const before = server.queries.length;
    const audit = await collectSpf(resolver, "big.limits.example");
    expect(audit.tree?.recordBytes).toBeGreaterThan(512);
    expect(audit.tree?.syntaxProblems).toEqual([]);
    // EDNS0 offers 1232 octets: the server answered once, with no truncation and no TCP retry.
    expect(server.queries.slice(before).filter((q) => q === "TXT big.limits.example")).toHaveLength(1);
  });

  it("measures the whole TXT answer at a name, other TXT records included (RFC 7208 §3.4)", async () => {
    const audit = await collectSpf(resolver, "crowded.limits.example");
    expect(audit.tree?.recordBytes).toBe("v=spf1 include:i4.limits.example -all".length);
    // The name, the SPF record and three site-verification records: 22 + 37 + 250 + 205 + 40.
    expect(audit.tree?.answerBytes).toBe(554);
    expect(audit.tree?.children[0]?.answerBytes).toBe(
      "i4.limits.example".length + "v=spf1 a:host.limits.example -all".length,
    );
  });

  it("keeps control characters as data", async () => {
    const audit = await collectSpf(resolver, "ctrl.limits.example");
    expect(audit.record).toContain("\u001b[31m");
    expect(audit.tree?.syntaxProblems.length).toBeGreaterThan(0);
  });

  it("ignores redirect when all is present (§5.1)", async () => {
    const audit = await collectSpf(resolver, "redirect-and-all.limits.example");
    expect(audit.tree).toMatchObject({ hasRedirect: true, redirectIgnored: true, children: [] });
    expect(audit.lookupCount).toBe(0);
  });
});

describe("static SPF walker: names it must never send (issue 12, items 4 and 5)", () => {
  it("a name holding a macro-expand, %% included, is counted but never queried", async () => {
    const before = server.queries.length;
    const audit = await collectSpf(resolver, "percent.grammar.example");
    expect(audit.tree?.lookupTerms).toEqual([
      { term: "exists:%%.ok.grammar.example", void: false, macro: true },
    ]);
    expect(audit.lookupCount).toBe(1);
    expect(audit.inconclusive).toBe(false);
    expect(server.queries.slice(before).filter((q) => q.includes("ok.grammar.example"))).toEqual([]);
  });

  it("a name with an empty label or a 64-octet label is an answer, not a query and not a DNS failure", async () => {
    for (const domain of ["empty-label.grammar.example", "long-label.grammar.example"]) {
      const before = server.queries.length;
      const audit = await collectSpf(resolver, domain);
      expect(audit.tree?.lookupTerms[0]?.impossible, domain).toMatch(/empty label|64 octets/);
      expect(audit.inconclusive).toBe(false);
      expect(server.queries.slice(before), domain).toEqual([`TXT ${domain}`]);
    }
  });

  it("an include of an impossible name is a node of its own, never followed", async () => {
    const audit = await collectSpf(resolver, "bad-include.grammar.example");
    expect(audit.tree?.children).toMatchObject([
      { domain: "_spf..grammar.example", status: "impossible-name", via: "include" },
    ]);
    expect(audit.inconclusive).toBe(false);
  });
});
