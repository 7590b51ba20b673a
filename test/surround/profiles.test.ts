/**
 * docs/profiles.md says which profiles change the rules of what surrounds SPF, DKIM and DMARC:
 * only `strict`, and only `mx/cname-target`. These tests hold the profiles to it.
 */
import { describe, expect, it } from "vitest";
import { PROFILES } from "../../src/profiles/index.js";

const SURROUNDING = /^(mx|mta-sts|tls-rpt|bimi)\//;
const surroundingOverrides = (name: keyof typeof PROFILES) =>
  Object.entries(PROFILES[name].overrides).filter(([id]) => SURROUNDING.test(id));

describe("profiles and the rules around SPF, DKIM and DMARC", () => {
  it("bulk-sender requires none of them (no MTA-STS, TLS-RPT, BIMI or MX requirement)", () => {
    expect(surroundingOverrides("bulk-sender")).toEqual([]);
    expect(Object.keys(PROFILES["bulk-sender"].expectations ?? {})).not.toContain("mtaSts");
  });

  it("bod-18-01 asks for none of them", () => {
    expect(surroundingOverrides("bod-18-01")).toEqual([]);
    expect(Object.keys(PROFILES["bod-18-01"].expectations ?? {})).toEqual(["dmarc"]);
  });

  it("strict makes an MX alias an error, and nothing else of them", () => {
    expect(surroundingOverrides("strict")).toEqual([["mx/cname-target", "error"]]);
  });
});
