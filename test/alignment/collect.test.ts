/** Declared senders checked through the audit, against the fixture DNS server. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_RULES } from "../../rules/index.js";
import { audit } from "../../src/audit/audit.js";
import type { DeclaredSender, DomainDeclaration } from "../../src/config/types.js";
import { CachingResolver } from "../../src/dns/caching-resolver.js";
import { SystemResolver } from "../../src/dns/system-resolver.js";
import { type FixtureServer, loadZoneFile, startFixtureServer } from "../helpers/dns-server.js";

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer({
    zones: ["dmarc-tld", "align-senders"].map((name) => loadZoneFile(`fixtures/zones/${name}.zone`)),
  });
});
afterAll(() => server.close());

async function auditWith(domain: string, senders: DeclaredSender[]) {
  const declared: DomainDeclaration = { domain, subdomains: [], selectors: [], senders };
  const resolver = new CachingResolver(new SystemResolver({ servers: [server.address], timeoutMs: 2000 }));
  const report = await audit([{ domain, selectors: [], declared }], {
    resolver,
    rules: ALL_RULES,
    failOn: "error",
  });
  const result = report.domains[0];
  if (!result) throw new Error("no result");
  const of = (prefix: string) =>
    result.findings
      .filter((f) => f.rule.startsWith(prefix))
      .map((f) => `${f.rule}:${f.messageId}:${f.severity}`);
  return { result, of };
}

describe("alignment of declared senders", () => {
  it("passes a sender whose return path and d= are under the From domain and whose IP passes SPF", async () => {
    const { result, of } = await auditWith("shop.test", [
      { name: "Own", returnPath: "em.shop.test", dkimDomain: "shop.test", ips: ["198.51.100.7"] },
    ]);
    expect(result.snapshot.alignment?.[0]).toMatchObject({
      fromOrganizationalDomain: "shop.test",
      spf: { domain: "em.shop.test", mode: "relaxed", organizationalDomain: "shop.test", aligned: true },
      dkim: { domain: "shop.test", aligned: true },
      ips: [{ ip: "198.51.100.7", domain: "em.shop.test", result: "pass" }],
    });
    expect(of("alignment/")).toEqual([]);
  });

  it("fails a sender aligned neither way whose IP fails SPF at its return path", async () => {
    const { result, of } = await auditWith("shop.test", [
      {
        name: "ESP",
        returnPath: "bounce.esp.test",
        dkimDomain: "esp.test",
        ips: ["192.0.2.99", "203.0.113.5"],
      },
    ]);
    expect(result.status).toBe("fail");
    expect(result.snapshot.alignment?.[0]?.ips.map((i) => i.result)).toEqual(["fail", "pass"]);
    expect(of("alignment/")).toEqual([
      "alignment/dkim:notAligned:error",
      "alignment/sender-not-authorized:notAuthorized:error",
      "alignment/spf:notAligned:error",
    ]);
  });

  it("downgrades to a warning when the other identifier aligns, and warns about a sender without DKIM", async () => {
    const { of } = await auditWith("shop.test", [
      { name: "SpfOnly", returnPath: "bounce.esp.test", dkimDomain: "shop.test" },
      { name: "NoDkim", returnPath: "em.shop.test" },
    ]);
    expect(of("alignment/")).toEqual([
      "alignment/dkim:unsigned:warning",
      "alignment/spf:notAlignedCovered:warning",
    ]);
  });

  it("uses aspf=s from the applying DMARC record: a subdomain return path is then unaligned", async () => {
    const { result, of } = await auditWith("strict.test", [
      { name: "Sub", returnPath: "em.strict.test", dkimDomain: "strict.test", ips: ["198.51.100.1"] },
    ]);
    expect(result.snapshot.alignment?.[0]?.spf).toMatchObject({ mode: "strict", aligned: false });
    expect(of("alignment/")).toEqual(["alignment/spf:notAlignedCovered:warning"]);
  });
});
