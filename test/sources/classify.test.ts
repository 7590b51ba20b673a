import { describe, expect, it } from "vitest";
import { pslOrganizationalDomain } from "../../src/dmarc/org-domain.js";
import type { ReverseLookup } from "../../src/reports/reverse-dns.js";
import { recomputeAlignment } from "../../src/sources/alignment.js";
import { serviceCatalogue } from "../../src/sources/catalogue.js";
import { explainSource } from "../../src/sources/explain-source.js";
import type { RecordGroup } from "../../src/sources/record-groups.js";
import type { SpfAttribution } from "../../src/sources/spf-attribution.js";

/**
 * The classification rules on hand-made record groups: pure functions, every DNS answer given as
 * data (the DNS side is tested against real servers in sources-world.test.ts).
 */
const orgOf = (name: string) => pslOrganizationalDomain(name);
const catalogue = serviceCatalogue();

function group(overrides: Partial<RecordGroup>): RecordGroup {
  return {
    org: "receiver.test",
    adkim: "r",
    aspf: "r",
    disposition: "none",
    policyDkim: "fail",
    policySpf: "fail",
    reasons: [],
    headerFrom: "example.com",
    envelopeFrom: "",
    dkim: [],
    spf: [],
    messages: 10,
    records: 1,
    ...overrides,
  };
}

const notListed: SpfAttribution = { result: "softfail", authorizedBy: null, path: [], reason: null };
const noPtr: ReverseLookup = { kind: "none" };

function explain(
  groups: RecordGroup[],
  spf: SpfAttribution | null = notListed,
  reverseDns: ReverseLookup | null = noPtr,
  dns = true,
) {
  const messages = groups.reduce((n, g) => n + g.messages, 0);
  return explainSource(
    { records: { domain: "example.com", ip: "192.0.2.1", messages, groups }, spf, reverseDns, dns },
    { orgOf, catalogue, policy: "reject" },
  );
}

describe("alignment recomputed from auth_results", () => {
  it("relaxed: a subdomain's signature aligns; strict: only the same name", () => {
    const g = group({ dkim: [{ domain: "mail.example.com", selector: "s", result: "pass" }] });
    expect(recomputeAlignment(g, orgOf)).toMatchObject({
      dkim: true,
      pass: true,
      dkimDomain: "mail.example.com",
    });
    expect(recomputeAlignment({ ...g, adkim: "s" }, orgOf)).toMatchObject({ dkim: false, pass: false });
  });

  it("SPF aligns through the MAIL FROM domain only; a HELO result does not count", () => {
    const mfrom = group({ spf: [{ domain: "bounce.example.com", scope: "mfrom", result: "pass" }] });
    expect(recomputeAlignment(mfrom, orgOf).spf).toBe(true);
    const helo = group({ spf: [{ domain: "example.com", scope: "helo", result: "pass" }] });
    expect(recomputeAlignment(helo, orgOf).spf).toBe(false);
  });

  it("a failing or foreign signature does not align; no header_from cannot be judged", () => {
    const g = group({
      dkim: [
        { domain: "example.com", selector: "s", result: "fail" },
        { domain: "sendgrid.net", selector: "s1", result: "pass" },
      ],
    });
    expect(recomputeAlignment(g, orgOf).pass).toBe(false);
    expect(recomputeAlignment(group({ headerFrom: "" }), orgOf).pass).toBeNull();
  });

  it("an unknown organizational domain (DNS failed) leaves relaxed alignment unknown", () => {
    const g = group({ dkim: [{ domain: "mail.example.com", selector: "s", result: "pass" }] });
    expect(recomputeAlignment(g, () => null)).toMatchObject({ dkim: null, pass: null });
  });
});

describe("classifying a source", () => {
  it("aligned by the recomputation, and the reporter's contrary verdict is counted as a disagreement", () => {
    const g = group({
      dkim: [{ domain: "example.com", selector: "google", result: "pass" }],
      policyDkim: "fail",
    });
    const result = explain([g]);
    expect(result.class).toBe("aligned");
    expect(result.evidence.disagreements).toBe(10);
  });

  it("authorized-unaligned through SPF names the authorizing include and the service's fix", () => {
    const g = group({
      envelopeFrom: "em123.sendgrid.net",
      spf: [{ domain: "em123.sendgrid.net", scope: "mfrom", result: "pass" }],
      dkim: [{ domain: "sendgrid.net", selector: "s1", result: "pass" }],
    });
    const spf: SpfAttribution = {
      result: "pass",
      authorizedBy: "include:sendgrid.net",
      path: ["sendgrid.net"],
      reason: null,
    };
    const result = explain([g], spf);
    expect(result).toMatchObject({
      class: "authorized-unaligned",
      service: "SendGrid",
      evidence: { serviceVia: "spf-include" },
    });
    expect(result.explanation).toContain("include:sendgrid.net");
    expect(result.explanation).toContain("em123.sendgrid.net");
    expect(result.explanation).toContain("d=sendgrid.net");
  });

  it("authorized-unaligned through a catalogued service's own DKIM signature, even without SPF", () => {
    const g = group({ dkim: [{ domain: "mcsv.net", selector: "k1", result: "pass" }] });
    expect(explain([g])).toMatchObject({ class: "authorized-unaligned", service: "Mailchimp" });
  });

  it("forwarded: reported as a mailing list, or our own signature verifies while DMARC fails", () => {
    expect(explain([group({ reasons: ["mailing_list"] })]).class).toBe("forwarded");
    const strict = group({
      adkim: "s",
      headerFrom: "news.example.com",
      dkim: [{ domain: "example.com", selector: "s", result: "pass" }],
    });
    expect(explain([strict]).class).toBe("forwarded");
  });

  it("forwarded: our signature broken on the way while the list authenticated as itself", () => {
    const list = group({
      dkim: [
        { domain: "example.com", selector: "google", result: "fail" },
        { domain: "lists.example.org", selector: "l", result: "pass" },
      ],
    });
    expect(explain([list]).class).toBe("forwarded");
    // The same shape from an IP our SPF lists is our own server signing badly, not a list.
    const ours: SpfAttribution = { result: "pass", authorizedBy: "mx", path: [], reason: null };
    expect(explain([list], ours).class).toBe("authorized-unaligned");
  });

  it("unauthorized: not in the SPF, no signature of ours; p=reject needs nothing", () => {
    const result = explain([group({ disposition: "reject" })]);
    expect(result).toMatchObject({ class: "unauthorized", service: null });
    expect(result.explanation).toContain("nothing to fix if p=reject");
  });

  it("a DNS failure is never unauthorized: SPF temperror or reverse DNS failure leave it undecided", () => {
    const temperror: SpfAttribution = {
      result: "temperror",
      authorizedBy: null,
      path: [],
      reason: "timeout",
    };
    const spfFailed = explain([group({})], temperror);
    expect(spfFailed.class).toBeNull();
    expect(spfFailed.undecided?.candidates).toEqual(["authorized-unaligned", "unauthorized"]);
    const ptrFailed = explain([group({})], notListed, { kind: "failed", reason: "timeout" });
    expect(ptrFailed.class).toBeNull();
    expect(ptrFailed.explanation).toContain("unknown (reverse DNS failed: timeout)");
  });

  it("--no-dns: decided when the receiver checked our own SPF, undecided when the envelope is foreign", () => {
    const ownEnvelope = group({ spf: [{ domain: "example.com", scope: "mfrom", result: "fail" }] });
    expect(explain([ownEnvelope], null, null, false).class).toBe("unauthorized");
    const foreign = group({ spf: [{ domain: "bounce.other.test", scope: "mfrom", result: "pass" }] });
    const result = explain([foreign], null, null, false);
    expect(result.class).toBeNull();
    expect(result.undecided?.reason).toContain("--no-dns");
  });

  it("a source takes the class of most of its messages", () => {
    const aligned = group({ dkim: [{ domain: "example.com", selector: "s", result: "pass" }], messages: 90 });
    const stray = group({ messages: 10 });
    const result = explain([aligned, stray]);
    expect(result.class).toBe("aligned");
    expect(result.messagesByClass).toEqual({ unauthorized: 10, aligned: 90 });
  });

  it("a forward-confirmed reverse DNS name names the service; an unconfirmed one does not", () => {
    const confirmed = explain([group({})], notListed, {
      kind: "name",
      name: "o1.ptr1.sendgrid.net",
      confirmed: true,
    });
    expect(confirmed.service).toBe("SendGrid");
    const claimed = explain([group({})], notListed, {
      kind: "name",
      name: "o1.ptr1.sendgrid.net",
      confirmed: false,
    });
    expect(claimed.service).toBeNull();
  });
});
