/**
 * `mailaudit check <domain> -f json` against the fixture DNS server: DMARC facts, rule ids,
 * severities and exit codes, as a user sees them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FixtureServer, loadZoneFile, startFixtureServer } from "../helpers/dns-server.js";
import { runCli } from "../helpers/run-cli.js";

interface JsonFinding {
  rule: string;
  severity: string;
  messageId: string;
  data: Record<string, string | number>;
}

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer({
    zones: ["dmarc-tld", "dmarc-scenarios", "dkim-keys"].map((name) =>
      loadZoneFile(`fixtures/zones/${name}.zone`),
    ),
  });
});
afterAll(() => server.close());

async function check(domain: string, ...extra: string[]) {
  const result = await runCli([
    "check",
    domain,
    "-r",
    server.address,
    "--timeout",
    "2",
    "-f",
    "json",
    ...extra,
  ]);
  const doc = JSON.parse(result.stdout);
  const entry = doc.domains[0];
  const findings = entry.findings as JsonFinding[];
  const of = (rule: string) => findings.filter((f) => f.rule === rule);
  return { exitCode: result.exitCode, entry, findings, of };
}

describe("mailaudit check: DMARC", () => {
  it("an existing subdomain inherits its organizational domain's sp=", async () => {
    const { entry, of } = await check("sub.good.test");
    expect(entry.dmarc).toMatchObject({
      source: "good.test",
      policy: "reject",
      subdomainPolicy: "quarantine",
      effectivePolicy: "quarantine",
      domainExists: true,
      organizationalDomain: { treeWalk: "good.test", psl: "good.test" },
    });
    expect(of("dmarc/missing")).toEqual([]);
    expect(of("dmarc/subdomain-policy-weaker").map((f) => [f.data.tag, f.severity])).toEqual([
      ["sp", "warning"],
    ]);
  });

  it("a non-existent subdomain gets np=", async () => {
    const { entry } = await check("ghost.good.test");
    expect(entry.dmarc).toMatchObject({
      source: "good.test",
      domainExists: false,
      effectivePolicy: "reject",
    });
  });

  it("reports every invalid value, and the record acts as none at best", async () => {
    const { exitCode, entry, of } = await check("invalid.test");
    expect(exitCode).toBe(1);
    expect(entry.dmarc.effectivePolicy).toBeNull();
    expect(of("dmarc/syntax").map((f) => [f.messageId, f.data.tag, f.severity])).toEqual([
      ["invalidPolicy", "p", "error"],
      ["invalidValue", "adkim", "warning"],
      ["invalidValue", "pct", "warning"],
      ["unknownTag", "foo", "warning"],
      ["invalidUri", "rua", "error"],
    ]);
    expect(of("dmarc/misplaced-record").map((f) => f.messageId)).toEqual(["dmarcAtApex"]);
  });

  // Issue 12, item 7: a repeated tag reported once, no policy from the record, RFC 9989 §4.10.1 after it.
  it("a repeated tag invalidates the record: reported once, p=none only through a valid rua, nothing else judged", async () => {
    const { exitCode, entry, findings } = await check("repeated.test");
    expect(entry.dmarc).toMatchObject({
      policy: "none",
      effectivePolicy: "none",
      policyFallback: true,
      tags: null,
    });
    const dmarcFindings = findings.filter((f) => f.rule.startsWith("dmarc/"));
    expect(dmarcFindings.map((f) => [f.rule, f.messageId, f.data.tag])).toEqual([
      ["dmarc/syntax", "duplicateTag", "p"],
    ]);
    expect(dmarcFindings[0]?.data.reason).toMatch(/only p=none/);
    expect(exitCode).toBe(1);
  });

  it("a repeated rua leaves no valid rua: no DMARC policy at all, and still one finding", async () => {
    const { entry, findings } = await check("repeated-norua.test");
    expect(entry.dmarc).toMatchObject({
      policy: null,
      effectivePolicy: null,
      policyFallback: false,
      tags: null,
    });
    const dmarcFindings = findings.filter((f) => f.rule.startsWith("dmarc/"));
    expect(dmarcFindings.map((f) => [f.rule, f.messageId, f.data.tag])).toEqual([
      ["dmarc/syntax", "duplicateTag", "rua"],
    ]);
    expect(dmarcFindings[0]?.data.reason).toMatch(/no DMARC policy/);
  });

  // Issue 12, item 8: U+00A0 is not printable ASCII, after a rua URI as after p=reject.
  it("U+00A0 after a rua URI and after p=reject: the same invalidCharacter error, each tag invalid", async () => {
    const rua = await check("nbsp-rua.test");
    const p = await check("nbsp-p.test");
    const syntax = (r: typeof rua) => r.of("dmarc/syntax").map((f) => [f.messageId, f.data.tag, f.severity]);
    expect(syntax(rua)).toEqual([["invalidCharacter", "rua", "error"]]);
    expect(syntax(p)).toEqual([["invalidCharacter", "p", "error"]]);
    expect(rua.entry.dmarc.tags.rua[0].valid).toBe(false);
    expect(rua.of("dmarc/no-rua")).toHaveLength(1);
    expect(p.entry.dmarc).toMatchObject({ policy: "none", policyFallback: true });
  });

  it("two records at one name are discarded; an SPF record at _dmarc is misplaced", async () => {
    const { exitCode, entry, of } = await check("multiple.test");
    expect(exitCode).toBe(1);
    expect(entry.dmarc.record).toBeNull();
    expect(of("dmarc/multiple-records").map((f) => [f.data.count, f.severity])).toEqual([[2, "error"]]);
    expect(of("dmarc/missing")).toEqual([]);
    expect(of("dmarc/misplaced-record").map((f) => f.messageId)).toEqual(["spfAtDmarc"]);
  });

  it("v=dmarc1 is not a DMARC record: missing, with the near miss named", async () => {
    const { of } = await check("lowercase.test");
    expect(of("dmarc/missing").map((f) => f.severity)).toEqual(["error"]);
    expect(of("dmarc/syntax").map((f) => f.messageId)).toEqual(["badVersion"]);
  });

  it("an external rua authorized by the destination passes; testing mode, pct and !size are flagged", async () => {
    const { entry, of } = await check("authorized.test");
    expect(entry.dmarc.reportAuthorizations).toEqual([
      {
        tag: "rua",
        uri: "mailto:agg@reports.test",
        host: "reports.test",
        name: "authorized.test._report._dmarc.reports.test",
        authorized: true,
      },
    ]);
    expect(of("dmarc/rua-unauthorized")).toEqual([]);
    expect(of("dmarc/testing-mode").map((f) => f.severity)).toEqual(["warning"]);
    expect(of("dmarc/pct-partial").map((f) => f.data.value)).toEqual([50]);
    expect(
      of("dmarc/deprecated-tag")
        .map((f) => f.messageId)
        .sort(),
    ).toEqual(["historicTag", "sizeLimit"]);
    expect(of("dmarc/policy-none").map((f) => f.severity)).toEqual(["warning"]);
  });

  it("an external rua without authorization is an error; an internal one needs none", async () => {
    const { exitCode, entry, of } = await check("unauthorized.test");
    expect(exitCode).toBe(1);
    expect(
      entry.dmarc.reportAuthorizations.map((a: { host: string; authorized: boolean }) => [
        a.host,
        a.authorized,
      ]),
    ).toEqual([["reports.test", false]]);
    expect(of("dmarc/rua-unauthorized").map((f) => [f.data.uri, f.severity])).toEqual([
      ["mailto:agg@reports.test", "error"],
    ]);
  });

  it("flags the tree walk and the public suffix list disagreeing", async () => {
    const { entry, of } = await check("x.team.corp.test");
    expect(entry.dmarc).toMatchObject({
      source: "team.corp.test",
      effectivePolicy: "quarantine",
      sources: { treeWalk: "team.corp.test", psl: "corp.test" },
      organizationalDomain: { treeWalk: "team.corp.test", psl: "corp.test" },
    });
    expect(of("dmarc/discovery-mismatch").map((f) => [f.messageId, f.data.expected, f.data.actual])).toEqual([
      ["sourceDiffers", "team.corp.test", "corp.test"],
    ]);
  });

  it("asks at most 8 _dmarc names for a 10-label domain", async () => {
    const before = server.queries.length;
    const { entry } = await check("a.b.c.d.e.f.g.h.deep.test");
    const walked = server.queries.slice(before).filter((q) => q.startsWith("TXT _dmarc."));
    expect(entry.dmarc.treeWalk.queried).toHaveLength(8);
    expect(entry.dmarc.treeWalk.queried[1]).toBe("_dmarc.d.e.f.g.h.deep.test");
    expect(entry.dmarc.source).toBe("deep.test");
    // The PSL method asks for the domain and deep.test, both already on the walk.
    expect(new Set(walked).size).toBeLessThanOrEqual(8);
  });
});
