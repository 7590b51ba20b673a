/**
 * `mailaudit check` on MX, MTA-STS, TLS-RPT and BIMI, end to end: the built CLI, the fixture DNS
 * server, and a real HTTPS server on loopback with a test CA. Each scenario of
 * fixtures/zones/surround.zone shows the rule that must (or must not) speak.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkJson, type SurroundWorld, startWorld } from "./world.js";

let world: SurroundWorld;
let run: Awaited<ReturnType<typeof checkJson>>;
beforeAll(async () => {
  world = await startWorld();
  run = await checkJson(world, [
    "good",
    "weak",
    "redirect",
    "badcert",
    "big",
    "nomx",
    "nullmx",
    "alias",
    "literal",
    "gone",
    "many",
  ]);
}, 120_000);
afterAll(() => world?.close());

const NEW_GROUPS = /^(mx|mta-sts|tls-rpt|bimi)\//;

describe("check: what surrounds SPF, DKIM and DMARC", () => {
  it("a domain with everything in order: the records and facts in JSON, no finding of the new groups", () => {
    const { entry, rules } = run.domain("good");
    expect(rules(NEW_GROUPS)).toEqual([]);
    expect(entry.status).toBe("pass");
    expect(entry.mx).toMatchObject({
      status: "found",
      nullMx: false,
      records: [
        { priority: 10, exchange: "mx1.good.surround.test" },
        { priority: 20, exchange: "mx2.good.surround.test" },
      ],
    });
    expect(entry.mx.hosts.map((h) => [h.name, h.status, h.addresses])).toEqual([
      ["mx1.good.surround.test", "ok", ["192.0.2.11"]],
      ["mx2.good.surround.test", "ok", ["2001:db8::12"]],
    ]);
    expect(entry.mtaSts).toMatchObject({ record: "v=STSv1; id=20240601", id: "20240601", problems: [] });
    expect(entry.mtaSts.policy).toMatchObject({
      url: "https://mta-sts.good.surround.test/.well-known/mta-sts.txt",
      fetch: { status: "ok", httpStatus: 200, address: "127.0.0.1", contentType: "text/plain" },
      mode: "enforce",
      maxAge: 604800,
      mx: ["mx1.good.surround.test", "*.good.surround.test"],
    });
    expect(entry.tlsRpt).toMatchObject({
      rua: [{ uri: "mailto:tls@good.surround.test", scheme: "mailto", valid: true }],
    });
    expect(entry.bimi).toMatchObject({
      source: "good.surround.test",
      logoUrl: "https://brand.surround.test/good.svg",
      authority: "present",
      logo: { fetch: { status: "ok" }, svg: { title: "Good", problems: [] } },
    });
    expect(entry.bimi.logo?.svg?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("the policy and logo were fetched from the HTTPS server by host name", () => {
    expect(world.https.requests).toContain("mta-sts.good.surround.test /.well-known/mta-sts.txt");
    expect(world.https.requests).toContain("brand.surround.test /good.svg");
  });

  it("testing mode leaving an MX out, no TLS-RPT, BIMI on p=none with a script and an external href", () => {
    const { of, rules } = run.domain("weak");
    expect(rules(NEW_GROUPS).sort()).toEqual(
      [
        "bimi/dmarc-not-enforced notEnforced",
        "bimi/no-authority absent",
        "bimi/svg-profile externalReference",
        "bimi/svg-profile script",
        "mta-sts/mx-not-covered notCoveredTesting",
        "mta-sts/not-enforcing testing",
        "tls-rpt/missing missing",
      ].sort(),
    );
    expect(of("mta-sts/mx-not-covered")[0]?.data).toMatchObject({ name: "backup.weak.surround.test" });
    expect(of("bimi/svg-profile").map((f) => f.data.name)).toEqual(["script", "use"]);
    expect(of("bimi/svg-profile")[1]?.data.value).toBe("https://tracker.example.net/pixel.svg#a");
  });

  it("a policy behind a redirect is not followed", () => {
    const { entry, of } = run.domain("redirect");
    expect(of("mta-sts/policy-fetch").map((f) => [f.messageId, f.severity])).toEqual([["redirect", "error"]]);
    expect(entry.mtaSts.policy?.fetch).toMatchObject({
      status: "failed",
      reason: "redirect",
      httpStatus: 301,
    });
    expect(entry.mtaSts.policy?.text).toBeNull();
  });

  it("a policy with a certificate from a CA nobody trusts", () => {
    const { of } = run.domain("badcert");
    expect(of("mta-sts/policy-fetch").map((f) => f.messageId)).toEqual(["certificate"]);
  });

  it("a policy over 64 KB", () => {
    const { entry, of } = run.domain("big");
    expect(of("mta-sts/policy-fetch").map((f) => [f.messageId, f.data.limit])).toEqual([["tooLarge", 65536]]);
    expect(entry.mtaSts.policy?.fetch.reason).toBe("too-large");
  });

  it("no MX: mail falls back to the A record", () => {
    const { entry, of } = run.domain("nomx");
    expect(entry.mx).toMatchObject({ status: "none", implicitAddresses: ["192.0.2.30"] });
    expect(of("mx/missing").map((f) => [f.messageId, f.severity])).toEqual([["missing", "warning"]]);
  });

  it("a null MX beside an SPF record that authorizes senders", () => {
    const { entry, of } = run.domain("nullmx");
    expect(entry.mx).toMatchObject({ nullMx: true, records: [{ priority: 0, exchange: "." }], hosts: [] });
    expect(of("mx/null-mx").map((f) => f.messageId)).toEqual(["spfAuthorizes"]);
    expect(of("mx/missing")).toEqual([]);
  });

  it("an MX host that is an alias, one that is an address, one without address", () => {
    expect(run.domain("alias").of("mx/cname-target")[0]?.data).toMatchObject({
      name: "mail.alias.surround.test",
      value: "mx.provider.surround.test",
    });
    expect(
      run
        .domain("literal")
        .of("mx/ip-literal")
        .map((f) => f.data.name),
    ).toEqual(["192.0.2.41"]);
    expect(
      run
        .domain("gone")
        .of("mx/no-address")
        .map((f) => f.messageId),
    ).toEqual(["noHostReachable"]);
  });

  it("eleven MX hosts: past the SPF mx limit", () => {
    expect(
      run
        .domain("many")
        .of("mx/too-many")
        .map((f) => f.data.count),
    ).toEqual([11]);
  });
});
