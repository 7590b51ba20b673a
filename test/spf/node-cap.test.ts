/**
 * A runaway SPF tree (every record includes ten others, 1,111 records in all), served by the fixture
 * DNS server over real UDP/TCP, is walked up to `MAX_TREE_NODES` records and no further: the rest are
 * `truncated` nodes, never queried, and the count is reported as a lower bound, by the walker, by
 * `check` (spf/lookup-limit's "at least" message) and by `spf` (the tree view). SECURITY.md cites this.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SystemResolver } from "../../src/dns/system-resolver.js";
import type { Zone, ZoneRecord } from "../../src/dns/zone-records.js";
import { collectSpf, MAX_TREE_NODES } from "../../src/spf/collect.js";
import { spfNodes } from "../../src/spf/tree.js";
import { type FixtureServer, startFixtureServer } from "../helpers/dns-server.js";
import { runCli } from "../helpers/run-cli.js";

const ORIGIN = "runaway.example";
const FAN_OUT = 10;
/** Records n0 … n1110: n<k> includes n<10k+1> … n<10k+10>; the last level holds only ip4. */
const RECORDS = 1 + FAN_OUT + FAN_OUT ** 2 + FAN_OUT ** 3;
const name = (k: number) => (k === 0 ? ORIGIN : `n${k}.${ORIGIN}`);

function runawayZone(): Zone {
  const records: ZoneRecord[] = [];
  for (let k = 0; k < RECORDS; k++) {
    const children = Array.from({ length: FAN_OUT }, (_, i) => FAN_OUT * k + i + 1).filter(
      (c) => c < RECORDS,
    );
    const terms = children.length > 0 ? children.map((c) => `include:${name(c)}`) : ["ip4:192.0.2.1"];
    const record = `v=spf1 ${terms.join(" ")} -all`;
    // A TXT character-string holds at most 255 octets (RFC 1035 §3.3); readers join them (RFC 7208 §3.3).
    const strings = record.match(/.{1,255}/g) ?? [];
    records.push({ name: name(k), ttl: 300, type: "TXT", data: strings });
  }
  return { origin: ORIGIN, records, source: "runaway tree (built by the test)" };
}

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer({ zones: [runawayZone()] });
});
afterAll(() => server.close());

describe(`an SPF tree of ${RECORDS} records meets the node cap (${MAX_TREE_NODES})`, () => {
  it("is expanded up to the cap, the rest marked truncated and never asked for, the count a lower bound", async () => {
    expect(RECORDS).toBeGreaterThan(2 * MAX_TREE_NODES);
    const before = server.queries.length;
    const resolver = new SystemResolver({ servers: [server.address], timeoutMs: 2000, tries: 2 });
    const audit = await collectSpf(resolver, ORIGIN);
    const nodes = [...spfNodes(audit)];
    const expanded = nodes.filter((n) => n.status === "ok");
    const truncated = nodes.filter((n) => n.status === "truncated");
    expect(expanded).toHaveLength(MAX_TREE_NODES);
    expect(truncated.length).toBeGreaterThan(0);
    expect(truncated.every((n) => n.children.length === 0 && n.record === null)).toBe(true);
    expect(audit.lookupCountIsLowerBound).toBe(true);
    expect(audit.inconclusive).toBe(false);
    // Each expanded record's includes are counted; the truncated ones still count where they appear.
    expect(audit.lookupCount).toBeGreaterThanOrEqual(MAX_TREE_NODES);
    // The walk asked DNS for the expanded records only (once each), not for the rest of the tree.
    const asked = new Set(server.queries.slice(before).filter((q) => q.startsWith("TXT ")));
    expect(asked.size).toBe(MAX_TREE_NODES);
    for (const node of truncated) expect(asked.has(`TXT ${node.domain}`)).toBe(false);
  });

  it("check reports it: spf/lookup-limit says 'at least', exit 1", async () => {
    const result = await runCli(["check", ORIGIN, "-r", server.address, "--timeout", "2", "-f", "json"]);
    expect(result.exitCode).toBe(1);
    const doc = JSON.parse(result.stdout);
    expect(doc.domains[0].spf.lookupCountIsLowerBound).toBe(true);
    expect(doc.domains[0].findings).toContainEqual(
      expect.objectContaining({ rule: "spf/lookup-limit", messageId: "tooManyAtLeast" }),
    );
  });

  it("spf shows the truncated branches and an 'at least' count", async () => {
    const result = await runCli(["spf", ORIGIN, "-r", server.address, "--timeout", "2"]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/at least \d+ DNS-querying terms/);
    expect(result.stdout).toContain("not expanded: tree too large");
  });
});
