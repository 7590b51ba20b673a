import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolvePolicies } from "../../src/dmarc/effective-policy.js";
import {
  pslOrganizationalDomain,
  selectOrganizationalDomain,
  treeWalkNames,
} from "../../src/dmarc/org-domain.js";
import { expectPublishedFigures } from "../helpers/doc-figures.js";
import { CONFORMANCE_DIR } from "../helpers/fixtures.js";

describe("treeWalkNames (RFC 9989 §4.10)", () => {
  it("drops one label at a time down to the TLD", () => {
    expect(treeWalkNames("a.mail.example.com")).toEqual([
      "a.mail.example.com",
      "mail.example.com",
      "example.com",
      "com",
    ]);
  });

  it("jumps to the 7 right-most labels for 8 or more, so never more than 8 names", () => {
    const names = treeWalkNames("a.b.c.d.e.f.g.h.deep.test");
    expect(names[1]).toBe("d.e.f.g.h.deep.test");
    expect(names).toHaveLength(8);
    expect(treeWalkNames("b.c.d.e.f.g.h.test")).toHaveLength(8);
    expect(treeWalkNames(Array.from({ length: 30 }, (_, i) => `l${i}`).join("."))).toHaveLength(8);
  });
});

describe("selectOrganizationalDomain (RFC 9989 §4.10.2)", () => {
  it("takes psd=n, the label below psd=y, else the fewest labels, else the domain", () => {
    expect(selectOrganizationalDomain("x.team.corp.test", [{ domain: "team.corp.test", psd: "n" }])).toBe(
      "team.corp.test",
    );
    expect(selectOrganizationalDomain("a.b.psd.test", [{ domain: "psd.test", psd: "y" }])).toBe("b.psd.test");
    expect(
      selectOrganizationalDomain("a.b.example.test", [
        { domain: "b.example.test", psd: undefined },
        { domain: "example.test", psd: undefined },
      ]),
    ).toBe("example.test");
    expect(selectOrganizationalDomain("a.example.test", [])).toBe("a.example.test");
  });
});

describe("pslOrganizationalDomain against the official PSL test vectors", () => {
  // fixtures/conformance/psl/test_psl.txt: checkPublicSuffix(input, expected) lines, every one run as
  // written (null input, mixed case, leading dots, IDN), none filtered.
  const text = readFileSync(join(CONFORMANCE_DIR, "psl/test_psl.txt"), "utf8");
  const lines = text.split("\n").filter((line) => line.startsWith("checkPublicSuffix("));
  const literal = (s: string | undefined) => (s === "null" || s === undefined ? null : s.slice(1, -1));
  const vectors = lines.map((line) => {
    const m = /^checkPublicSuffix\((null|'[^']*'), (null|'[^']*')\);$/.exec(line);
    return { line, input: literal(m?.[1]), expected: literal(m?.[2]), parsed: m !== null };
  });
  let passing = 0;

  it("reads every vector line", () => {
    expect(vectors.filter((v) => !v.parsed).map((v) => v.line)).toEqual([]);
  });

  it.each(vectors.map((v) => [v.input, v.expected] as const))("%s → %s", (input, expected) => {
    expect(pslOrganizationalDomain(input)).toBe(expected);
    passing += 1;
  });

  it("accepts the root's trailing dot; an empty label anywhere else is no domain name", () => {
    expect(pslOrganizationalDomain("www.example.com.")).toBe("example.com");
    expect(pslOrganizationalDomain("a..example.com")).toBeNull();
    expect(pslOrganizationalDomain("")).toBeNull();
  });

  it("counts: every vector ran and passed, as README.md says", () => {
    expect(passing).toBe(vectors.length);
    expectPublishedFigures({ "psl.vectors": vectors.length, "psl.passing": passing });
  });
});

describe("resolvePolicies", () => {
  const org = { domain: "example.test", record: "v=DMARC1; p=reject; sp=quarantine; np=none" };
  it("applies p at the domain itself, sp to an existing subdomain, np to a missing one", () => {
    expect(
      resolvePolicies({ domain: "example.test", domainExists: true, applying: org, organizational: org })
        .effectivePolicy,
    ).toBe("reject");
    expect(
      resolvePolicies({ domain: "a.example.test", domainExists: true, applying: org, organizational: org }),
    ).toEqual({
      policy: "reject",
      subdomainPolicy: "quarantine",
      effectivePolicy: "quarantine",
      policyFallback: false,
    });
    expect(
      resolvePolicies({ domain: "a.example.test", domainExists: false, applying: org, organizational: org })
        .effectivePolicy,
    ).toBe("none");
  });

  it("falls back np → sp → p", () => {
    const rec = { domain: "example.test", record: "v=DMARC1; p=reject; sp=quarantine" };
    expect(
      resolvePolicies({ domain: "a.example.test", domainExists: false, applying: rec, organizational: rec })
        .effectivePolicy,
    ).toBe("quarantine");
  });

  it("treats an invalid p with a valid rua as p=none, and without one as no DMARC (RFC 9989 §4.10.1)", () => {
    const withRua = { domain: "e.test", record: "v=DMARC1; p=bogus; rua=mailto:a@e.test" };
    expect(
      resolvePolicies({ domain: "e.test", domainExists: true, applying: withRua, organizational: withRua })
        .effectivePolicy,
    ).toBe("none");
    const without = { domain: "e.test", record: "v=DMARC1; p=bogus" };
    expect(
      resolvePolicies({ domain: "e.test", domainExists: true, applying: without, organizational: without })
        .effectivePolicy,
    ).toBeNull();
  });

  // Issue 12, item 7: a repeated tag makes the tag-list invalid (RFC 6376 §3.2): no valid p at all.
  it("applies nothing of a record with a repeated tag: p=none only through a valid rua present once", () => {
    const resolve = (record: string) => {
      const rec = { domain: "e.test", record };
      return resolvePolicies({ domain: "e.test", domainExists: true, applying: rec, organizational: rec });
    };
    expect(resolve("v=DMARC1; p=reject; p=none; rua=mailto:a@e.test")).toEqual({
      policy: "none",
      subdomainPolicy: "none",
      effectivePolicy: "none",
      policyFallback: true,
    });
    // Any repeated tag, not only p: the reject written once is not a valid p either.
    expect(resolve("v=DMARC1; p=reject; adkim=s; adkim=r; rua=mailto:a@e.test").policy).toBe("none");
    expect(resolve("v=DMARC1; p=reject; p=reject")).toEqual({
      policy: null,
      subdomainPolicy: null,
      effectivePolicy: null,
      policyFallback: false,
    });
    expect(
      resolve("v=DMARC1; p=reject; rua=mailto:a@e.test; rua=mailto:b@e.test").effectivePolicy,
    ).toBeNull();
  });
});
