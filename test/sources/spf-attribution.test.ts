/**
 * SPF attribution and reverse DNS against a real DNS server on loopback (the fixture server): the
 * authorizing term of the domain's own record, through nested includes, a/mx and redirect; each
 * (domain, IP) evaluated once however often it is asked; a PTR that is never answered is a failure,
 * not "no name".
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CachingResolver } from "../../src/dns/caching-resolver.js";
import { SystemResolver } from "../../src/dns/system-resolver.js";
import { parseZoneFile } from "../../src/dns/zone-file.js";
import { reverseLookup } from "../../src/reports/reverse-dns.js";
import { classifySources } from "../../src/sources/classify-sources.js";
import type { RecordGroup } from "../../src/sources/record-groups.js";
import { SpfAttributor } from "../../src/sources/spf-attribution.js";
import { type FixtureServer, startFixtureServer } from "../helpers/dns-server.js";

const ZONE = `$ORIGIN attr.test.
$TTL 300
@ IN SOA ns1 host 1 900 900 1800 60
  IN NS ns1
ns1 IN A 127.0.0.1
corp IN TXT "v=spf1 ip4:192.0.2.1 include:_spf.corp.attr.test mx a:relay.attr.test -all"
_spf.corp IN TXT "v=spf1 include:vendor.attr.test ?all"
vendor IN TXT "v=spf1 -ip4:198.51.100.9 ip4:198.51.100.0/24 ~all"
corp IN MX 10 mx1.corp.attr.test.
mx1.corp IN A 203.0.113.10
relay IN A 203.0.113.20
redirected IN TXT "v=spf1 ip4:192.0.2.200 redirect=corp.attr.test"
named IN A 192.0.2.99
`;

const REVERSE = `$ORIGIN 2.0.192.in-addr.arpa.
$TTL 300
@ IN SOA ns1.attr.test. host.attr.test. 1 900 900 1800 60
  IN NS ns1.attr.test.
9 IN PTR named.attr.test.
`;

describe("SPF attribution and reverse DNS through a real DNS server", () => {
  let server: FixtureServer;
  let resolver: CachingResolver;

  beforeAll(async () => {
    server = await startFixtureServer({
      zones: [parseZoneFile(ZONE), parseZoneFile(REVERSE)],
      faults: { "7.2.0.192.in-addr.arpa": "drop" },
    });
    resolver = new CachingResolver(new SystemResolver({ servers: [server.address], timeoutMs: 400 }));
  });
  afterAll(() => server?.close());

  it("names the term of the domain's own record that authorizes the IP, and the includes below it", async () => {
    const attributor = new SpfAttributor(resolver);
    expect(await attributor.attribute("corp.attr.test", "192.0.2.1")).toMatchObject({
      result: "pass",
      authorizedBy: "ip4:192.0.2.1",
      path: [],
    });
    expect(await attributor.attribute("corp.attr.test", "198.51.100.7")).toMatchObject({
      result: "pass",
      authorizedBy: "include:_spf.corp.attr.test",
      path: ["_spf.corp.attr.test", "vendor.attr.test"],
    });
    expect((await attributor.attribute("corp.attr.test", "203.0.113.10")).authorizedBy).toBe("mx");
    expect((await attributor.attribute("corp.attr.test", "203.0.113.20")).authorizedBy).toBe(
      "a:relay.attr.test",
    );
    expect(await attributor.attribute("redirected.attr.test", "198.51.100.7")).toMatchObject({
      authorizedBy: "redirect=corp.attr.test",
      path: ["corp.attr.test", "_spf.corp.attr.test", "vendor.attr.test"],
    });
  });

  it("an include whose record excludes the IP first does not authorize it", async () => {
    const outcome = await new SpfAttributor(resolver).attribute("corp.attr.test", "198.51.100.9");
    expect(outcome).toMatchObject({ result: "fail", authorizedBy: null });
  });

  it("evaluates each distinct (domain, IP) once per run however many times it is asked", async () => {
    const groups = (org: string): RecordGroup[] => [
      {
        org,
        adkim: "r",
        aspf: "r",
        disposition: "none",
        policyDkim: "fail",
        policySpf: "fail",
        reasons: [],
        headerFrom: "corp.attr.test",
        envelopeFrom: "",
        dkim: [],
        spf: [],
        messages: 1,
        records: 1,
      },
    ];
    const sources = ["192.0.2.1", "198.51.100.7", "192.0.2.1"].map((ip, i) => ({
      domain: "corp.attr.test",
      ip,
      messages: 1,
      groups: groups(`r${i}`),
    }));
    const classified = await classifySources(sources, { resolver, policies: new Map() });
    expect(classified.spfEvaluations).toBe(2);
  });

  it("reverse DNS: a forward-confirmed name, no name, and a PTR question never answered (a timeout)", async () => {
    expect(await reverseLookup(resolver, "192.0.2.9")).toEqual({
      kind: "name",
      name: "named.attr.test",
      confirmed: false,
    });
    expect(await reverseLookup(resolver, "192.0.2.8")).toEqual({ kind: "none" });
    const timedOut = await reverseLookup(resolver, "192.0.2.7");
    expect(timedOut.kind).toBe("failed");
    expect(server.queries).toContain("PTR 7.2.0.192.in-addr.arpa");
  });
});
