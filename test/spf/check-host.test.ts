import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SystemResolver } from "../../src/dns/system-resolver.js";
import { checkHost } from "../../src/spf/check-host.js";
import { type FixtureServer, loadZoneFile, startFixtureServer } from "../helpers/dns-server.js";

let server: FixtureServer;
let resolver: SystemResolver;
beforeAll(async () => {
  server = await startFixtureServer({
    zones: [loadZoneFile("fixtures/zones/basic.example.zone")],
    faults: { "dead.basic.example": "servfail" },
  });
  resolver = new SystemResolver({ servers: [server.address], timeoutMs: 500, tries: 1 });
});
afterAll(() => server.close());

describe("checkHost (mailauth strict, through our resolver)", () => {
  it("passes an address inside an included range", async () => {
    const outcome = await checkHost({ ip: "192.0.2.7", sender: "bounce@basic.example" }, resolver);
    expect(outcome.result).toBe("pass");
    expect(outcome.record).toBe("v=spf1 include:_spf.basic.example -all");
    expect(outcome.lookups.count).toBe(1);
  });

  it("fails an address outside every range", async () => {
    const outcome = await checkHost({ ip: "203.0.113.9", sender: "bounce@basic.example" }, resolver);
    expect(outcome.result).toBe("fail");
  });

  it("uses postmaster@<domain> when no sender is given", async () => {
    const outcome = await checkHost({ ip: "2001:db8::1", domain: "basic.example" }, resolver);
    expect(outcome.result).toBe("pass");
  });

  it("turns SERVFAIL into temperror, never none", async () => {
    const outcome = await checkHost({ ip: "192.0.2.7", domain: "dead.basic.example" }, resolver);
    expect(outcome.result).toBe("temperror");
  });

  it("gives none for a name without SPF", async () => {
    const outcome = await checkHost({ ip: "192.0.2.7", domain: "nothing.basic.example" }, resolver);
    expect(outcome.result).toBe("none");
  });
});
