/**
 * Include trees shared across the domains of one run (src/spf/shared-subtrees.ts): each domain's
 * snapshot must be what walking its tree alone gives, with its own answers and failures, while a
 * shared tree is walked once.
 */
import { describe, expect, it } from "vitest";
import { collectDomain } from "../../src/audit/collect-domain.js";
import { FailureRecorder } from "../../src/audit/failure-recorder.js";
import { CachingResolver } from "../../src/dns/caching-resolver.js";
import { DeadlineResolver } from "../../src/dns/deadline-resolver.js";
import type { DnsAnswer, RecordData, RecordType, Resolver } from "../../src/dns/types.js";
import { parseZoneFile } from "../../src/dns/zone-file.js";
import { ZoneSet } from "../../src/dns/zone-records.js";
import { ZoneResolver } from "../../src/dns/zone-resolver.js";

const ZONE = [
  "$ORIGIN example.",
  "$TTL 300",
  'esp TXT "v=spf1 include:_nb1.esp.example include:_nb2.esp.example ~all"',
  '_nb1.esp TXT "v=spf1 ip4:192.0.2.0/24 ~all"',
  '_nb2.esp TXT "v=spf1 ip6:2001:db8::/32 ~all"',
  'flaky TXT "v=spf1 include:broken.example -all"',
  'a TXT "v=spf1 include:esp.example -all"',
  'b TXT "v=spf1 mx include:esp.example -all"',
  "b MX 10 mx.b.example.",
  'c TXT "v=spf1 include:flaky.example -all"',
  'd TXT "v=spf1 include:flaky.example -all"',
  // e's path holds the subtree's own root: reusing the clean tree of loopy would hide the loop.
  'loopy TXT "v=spf1 include:e.example -all"',
  'e TXT "v=spf1 include:loopy.example -all"',
].join("\n");

/** Zone answers, counting questions; `broken.example` fails every time (a SERVFAIL). */
class CountingZones implements Resolver {
  readonly asked = new Map<string, number>();
  readonly #zones = new ZoneResolver(new ZoneSet([parseZoneFile(ZONE)]), "assume-absent");

  async query<T extends RecordType>(name: string, type: T): Promise<DnsAnswer<RecordData[T]>> {
    const key = `${type} ${name}`;
    this.asked.set(key, (this.asked.get(key) ?? 0) + 1);
    if (name === "broken.example") return { kind: "temperror", reason: "SERVFAIL" };
    return this.#zones.query(name, type);
  }
}

const alone = async (domain: string) =>
  collectDomain(new CachingResolver(new CountingZones()), domain, { selectors: [] });

describe("shared include subtrees", () => {
  it("gives each domain what walking its tree alone gives, answers included", async () => {
    const zones = new CountingZones();
    const run = new CachingResolver(zones);
    const domains = ["a.example", "b.example", "c.example", "d.example", "e.example"];
    const shared = await Promise.all(domains.map((d) => collectDomain(run, d, { selectors: [] })));
    const separate = await Promise.all(domains.map(alone));
    expect(shared).toEqual(separate);
    // Walked once: both domains hold the very same subtree below their own include node.
    const [a, b] = shared;
    expect(a?.spf?.tree?.children[0]?.children).toBe(b?.spf?.tree?.children[0]?.children);
    // The shared tree's questions are in the answers of both domains that include it.
    for (const snapshot of shared.slice(0, 2))
      expect(snapshot.answers?.map((a) => a.name)).toContain("_nb2.esp.example");
  });

  it("keeps a failure inside a shared tree each domain's own: both are inconclusive", async () => {
    const run = new CachingResolver(new CountingZones());
    const [c, d] = await Promise.all(
      ["c.example", "d.example"].map((x) => collectDomain(run, x, { selectors: [] })),
    );
    for (const snapshot of [c, d]) {
      expect(snapshot?.lookupFailures).toEqual([{ name: "broken.example", type: "TXT", reason: "SERVFAIL" }]);
      expect(snapshot?.spf?.inconclusive).toBe(true);
    }
  });

  it("still finds a loop that passes through the shared tree's root", async () => {
    const run = new CachingResolver(new CountingZones());
    await collectDomain(run, "loopy.example", { selectors: [] });
    const e = await collectDomain(run, "e.example", { selectors: [] });
    expect(e.spf?.tree?.children[0]?.children[0]?.status).toBe("loop");
  });

  it("asks the DNS each question once per run (the cache), however many domains share a tree", async () => {
    const zones = new CountingZones();
    const run = new CachingResolver(zones);
    await Promise.all(["a.example", "b.example"].map((d) => collectDomain(run, d, { selectors: [] })));
    expect([...zones.asked.values()].every((n) => n === 1)).toBe(true);
    expect(zones.asked.get("TXT _nb1.esp.example")).toBe(1);
  });
});

describe("a shared subtree's answers handed to a domain (no second question through its layers)", () => {
  it("are taken while the domain's budget lasts, and refused once it is used up (the domain walks the tree itself)", async () => {
    const run = new CachingResolver(new CountingZones());
    const answer = await run.query("_nb1.esp.example", "TXT");
    const known = [{ name: "_nb1.esp.example", type: "TXT" as const, answer }];

    const inBudget = new FailureRecorder(new DeadlineResolver(run, 60_000));
    expect(inBudget.takeKnown(known)).toBe(true);
    // Noted exactly as asking through the same layers notes it.
    const asking = new FailureRecorder(new DeadlineResolver(run, 60_000));
    await asking.query("_nb1.esp.example", "TXT");
    expect(inBudget.answers).toEqual(asking.answers);
    expect(inBudget.answers.map((a) => a.name)).toEqual(["_nb1.esp.example"]);

    const spent = new FailureRecorder(new DeadlineResolver(run, 0));
    expect(spent.takeKnown(known)).toBe(false);
    expect(spent.answers).toEqual([]);
    expect(spent.failures).toEqual([]);
  });

  it("reach every domain that reuses the tree without asking the run's resolver again", async () => {
    const zones = new CountingZones();
    const run = new CachingResolver(zones);
    const asked: string[] = [];
    const counting: Resolver = {
      query: (name, type) => {
        asked.push(`${type} ${name}`);
        return run.query(name, type);
      },
    };
    await collectDomain(counting, "a.example", { selectors: [] });
    asked.length = 0;
    const b = await collectDomain(counting, "b.example", { selectors: [] });
    // b's own questions only: the shared tree below esp.example came with its answers.
    expect(asked.filter((q) => q.includes("esp.example"))).toEqual([]);
    expect(b.answers?.map((a) => a.name)).toContain("_nb1.esp.example");
  });
});
