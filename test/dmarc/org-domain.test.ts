import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolvePolicies } from "../../src/dmarc/effective-policy.js";
import {
  pslOrganizationalDomain,
  selectOrganizationalDomain,
  treeWalkNames,
} from "../../src/dmarc/org-domain.js";
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
  // fixtures/conformance/psl/test_psl.txt: checkPublicSuffix(input, expected) lines.
  const text = readFileSync(join(CONFORMANCE_DIR, "psl/test_psl.txt"), "utf8");
  const vectors = [...text.matchAll(/^checkPublicSuffix\((null|'[^']*'), (null|'[^']*')\);/gm)].map((m) => [
    m[1] === "null" ? null : (m[1] ?? "").slice(1, -1),
    m[2] === "null" ? null : (m[2] ?? "").slice(1, -1),
  ]);

  it("reads all the vectors", () => {
    expect(vectors.length).toBeGreaterThan(60);
  });

  // Inputs that are not DNS names in the form we audit (null, leading dots, non-ASCII) are normalized
  // by the CLI before they reach here; the vectors for those are checked for what the function does.
  it.each(vectors.filter(([input]) => typeof input === "string" && !input.startsWith(".")))(
    "%s → %s",
    (input, expected) => {
      expect(pslOrganizationalDomain((input as string).toLowerCase())).toBe(
        expected === null ? null : expected,
      );
    },
  );
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
});
