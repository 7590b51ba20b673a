/**
 * The one HTTPS fetch against a real HTTPS server on loopback (test CA made at start-up), host names
 * answered by the fixture DNS server through our own resolver: what each way of failing comes to.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SystemResolver } from "../../src/dns/system-resolver.js";
import { parseZoneFile } from "../../src/dns/zone-file.js";
import { httpsGet } from "../../src/https/get.js";
import { readCaFile, trustedCertificates } from "../../src/tls/trust.js";
import { type FixtureServer, startFixtureServer } from "../helpers/dns-server.js";
import { type HttpsLab, startHttpsServer } from "../helpers/https-server.js";
import { freePort } from "../helpers/ports.js";

const ZONE = `$ORIGIN https.test.
$TTL 300
@            IN SOA ns hostmaster 1 3600 600 86400 300
ok           IN A    127.0.0.1
redirect     IN A    127.0.0.1
other-ca     IN A    127.0.0.1
wrong-name   IN A    127.0.0.1
big          IN A    127.0.0.1
chunked      IN A    127.0.0.1
slow         IN A    127.0.0.1
missing      IN A    127.0.0.1
alias        IN CNAME ok
public       IN A    192.0.2.1
noaddr       IN TXT  "nothing to connect to"
broken       IN A    127.0.0.1
`;

let dns: FixtureServer;
let lab: HttpsLab;
let resolver: SystemResolver;
let ca: string[] | undefined;

beforeAll(async () => {
  dns = await startFixtureServer({
    zones: [parseZoneFile(ZONE, { source: "https.test" })],
    faults: { "broken.https.test": "servfail" },
  });
  lab = await startHttpsServer(
    {
      "ok.https.test": {},
      "alias.https.test": {},
      "redirect.https.test": {},
      "other-ca.https.test": { certificate: "other-ca" },
      "wrong-name.https.test": { certificate: "wrong-name" },
      "big.https.test": {},
      "chunked.https.test": {},
      "slow.https.test": {},
      "missing.https.test": {},
    },
    {
      "ok.https.test/p.txt": { body: "hello\n", headers: { "content-type": "text/plain" } },
      "alias.https.test/p.txt": { body: "via alias\n", headers: { "content-type": "text/plain" } },
      "redirect.https.test/p.txt": { status: 301, headers: { location: "https://ok.https.test/p.txt" } },
      "other-ca.https.test/p.txt": { body: "x" },
      "wrong-name.https.test/p.txt": { body: "x" },
      "big.https.test/p.txt": { body: "x".repeat(2000) },
      "chunked.https.test/p.txt": { body: "y".repeat(2000), chunked: true },
      "slow.https.test/p.txt": { body: "z".repeat(100), stallMs: 5000 },
    },
  );
  resolver = new SystemResolver({ servers: [dns.address], timeoutMs: 2000 });
  ca = trustedCertificates(readCaFile("--https-ca", lab.caFile));
}, 60_000);
afterAll(async () => {
  resolver?.cancel();
  await Promise.all([dns?.close(), lab?.close()]);
});

const get = (
  url: string,
  extra: { timeoutMs?: number; maxBytes?: number; testPort?: number; ca?: string[] | null } = {},
) =>
  httpsGet(url, {
    resolver,
    timeoutMs: extra.timeoutMs ?? 5000,
    limits: { maxBytes: extra.maxBytes ?? 1024, accept: "text/plain" },
    ...(extra.ca === null ? {} : { ca: extra.ca ?? ca }),
    testPort: extra.testPort ?? lab.port,
    userAgent: "mailaudit-test",
  });

describe("httpsGet", () => {
  it("fetches through our resolver's address, verifying the certificate for the host name", async () => {
    const { report, body } = await get("https://ok.https.test/p.txt");
    expect(report).toMatchObject({
      status: "ok",
      httpStatus: 200,
      contentType: "text/plain",
      address: "127.0.0.1",
      bytes: 6,
    });
    expect(body?.toString()).toBe("hello\n");
    expect(lab.requests).toContain("ok.https.test /p.txt");
  });

  it("follows a CNAME for the host, as DNS does", async () => {
    const { report, body } = await get("https://alias.https.test/p.txt");
    expect(report.status).toBe("ok");
    expect(body?.toString()).toBe("via alias\n");
  });

  it("never follows a redirect, and says where it pointed", async () => {
    const before = lab.requests.filter((r) => r.startsWith("ok.https.test")).length;
    const { report, body } = await get("https://redirect.https.test/p.txt");
    expect(report).toMatchObject({ status: "failed", reason: "redirect", httpStatus: 301 });
    expect(report.detail).toContain("https://ok.https.test/p.txt");
    expect(body).toBeNull();
    expect(lab.requests.filter((r) => r.startsWith("ok.https.test")).length).toBe(before);
  });

  it("refuses a certificate from a CA nobody trusts", async () => {
    const { report } = await get("https://other-ca.https.test/p.txt");
    expect(report).toMatchObject({ status: "failed", reason: "certificate" });
    expect(report.detail).toMatch(/certificate/i);
  });

  it("refuses a certificate for another name", async () => {
    const { report } = await get("https://wrong-name.https.test/p.txt");
    expect(report).toMatchObject({ status: "failed", reason: "certificate" });
    expect(report.detail).toContain("ERR_TLS_CERT_ALTNAME_INVALID");
  });

  it("without --https-ca, the test CA is not trusted (Node's default store only)", async () => {
    const { report } = await get("https://ok.https.test/p.txt", { ca: null });
    expect(report).toMatchObject({ status: "failed", reason: "certificate" });
  });

  it("stops at the size limit, by Content-Length or while reading", async () => {
    const declared = await get("https://big.https.test/p.txt");
    expect(declared.report).toMatchObject({ status: "failed", reason: "too-large", limit: 1024 });
    expect(declared.report.detail).toContain("Content-Length 2000");
    const streamed = await get("https://chunked.https.test/p.txt");
    expect(streamed.report).toMatchObject({ status: "failed", reason: "too-large" });
    expect(streamed.report.bytes).toBeGreaterThan(1024);
    expect(streamed.report.bytes).toBeLessThanOrEqual(2000);
  });

  it("a body that does not arrive in time is inconclusive, not a finding about the server", async () => {
    const { report } = await get("https://slow.https.test/p.txt", { timeoutMs: 500 });
    expect(report).toMatchObject({ status: "inconclusive", reason: "timeout" });
  });

  it("a status other than 200 is a failure", async () => {
    const { report } = await get("https://missing.https.test/p.txt");
    expect(report).toMatchObject({ status: "failed", reason: "http-status", httpStatus: 404 });
  });

  it("a host without an address, or whose DNS fails", async () => {
    expect((await get("https://noaddr.https.test/p.txt")).report).toMatchObject({
      status: "failed",
      reason: "no-address",
    });
    expect((await get("https://nowhere.https.test/p.txt")).report).toMatchObject({
      status: "failed",
      reason: "no-address",
    });
    expect((await get("https://broken.https.test/p.txt")).report).toMatchObject({
      status: "inconclusive",
      reason: "dns",
    });
  });

  it("nobody listening is unreachable", async () => {
    const closed = await freePort();
    const { report } = await get("https://ok.https.test/p.txt", { testPort: closed });
    expect(report).toMatchObject({ status: "failed", reason: "unreachable", address: "127.0.0.1" });
    expect(report.detail).toContain("connection refused");
  });

  it("the test port is refused for an address that is not loopback: it cannot redirect real fetches", async () => {
    const { report } = await get("https://public.https.test/p.txt");
    expect(report).toMatchObject({ status: "failed", reason: "test-port-refused", address: "192.0.2.1" });
  });

  it("a URL it cannot fetch as written", async () => {
    for (const url of ["http://ok.https.test/p.txt", "not a url", "https://user:pw@ok.https.test/"])
      expect((await get(url)).report).toMatchObject({ status: "failed", reason: "bad-url" });
  });
});
