import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { normalizeDomainInput } from "../../src/dns/domain-name.js";
import { buildCatalogue, CATALOGUE_FILE, readCatalogueFile } from "../../src/sources/catalogue.js";
import { REPO_DIR } from "../helpers/doc-figures.js";

/** data/services.json stays well-formed: every fact a domain name with the page it was read from. */
const services = readCatalogueFile(CATALOGUE_FILE);

const isUrl = (text: unknown) => typeof text === "string" && /^https?:\/\/[^\s/]+\.[^\s]+$/.test(text);
const isDomain = (name: string) => {
  const result = normalizeDomainInput(name);
  return result.ok && result.domain === name && name.includes(".");
};

describe("the catalogue of sending services (data/services.json)", () => {
  it("is the file the package ships", () => {
    expect(CATALOGUE_FILE).toBe(join(REPO_DIR, "data", "services.json"));
  });

  it("lists about forty services, each with a unique id and a name", () => {
    expect(services.length).toBeGreaterThanOrEqual(38);
    const ids = services.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of services) {
      expect(s.id, s.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(s.name.trim(), s.id).not.toBe("");
      expect(s.kind, s.id).toMatch(/^[a-z-]+$/);
    }
  });

  it("gives every fact as a lower-case domain name with the page it comes from", () => {
    for (const s of services) {
      const facts = [
        ...s.spfIncludes.map((f) => ({ name: f.name, source: f.source })),
        ...s.dkimDomains,
        ...s.returnPathDomains,
        ...s.reverseDns.map((f) => ({ name: f.suffix, source: f.source })),
      ];
      expect(facts.length, `${s.id} has no fact`).toBeGreaterThan(0);
      for (const fact of facts) {
        expect(isDomain(fact.name), `${s.id}: "${fact.name}" is no lower-case domain name`).toBe(true);
        expect(isUrl(fact.source), `${s.id}: ${fact.name} has no source URL`).toBe(true);
      }
      if (s.alignmentGuide !== undefined) expect(isUrl(s.alignmentGuide), s.id).toBe(true);
    }
  });

  it("never gives one name to two services (a match would depend on the order of the file)", () => {
    for (const field of ["spfIncludes", "dkimDomains", "returnPathDomains"] as const) {
      const owners = new Map<string, string>();
      for (const s of services)
        for (const { name } of s[field]) {
          expect(owners.get(name), `${field} ${name}: ${owners.get(name)} and ${s.id}`).toBeUndefined();
          owners.set(name, s.id);
        }
    }
    const suffixes = new Map<string, string>();
    for (const s of services)
      for (const { suffix } of s.reverseDns) {
        expect(suffixes.get(suffix), `reverse DNS ${suffix}`).toBeUndefined();
        suffixes.set(suffix, s.id);
      }
  });

  it("recognises a name or any subdomain of it, and nothing else", () => {
    const catalogue = buildCatalogue(services);
    expect(catalogue.byInclude("sendgrid.net")?.id).toBe("sendgrid");
    expect(catalogue.byInclude("SendGrid.NET.")?.id).toBe("sendgrid");
    expect(catalogue.byReturnPath("em123.sendgrid.net")?.id).toBe("sendgrid");
    expect(catalogue.byReverseName("mail-yw1-f170.google.com")?.id).toBe("google-workspace");
    expect(catalogue.byReverseName("mail-eopbgr.outbound.protection.outlook.com")?.id).toBe("microsoft-365");
    expect(catalogue.byDkimDomain("mcsv.net")?.id).toBe("mailchimp");
    expect(catalogue.byInclude("notsendgrid.net")).toBeUndefined();
    expect(catalogue.byInclude("net")).toBeUndefined();
  });
});
