/**
 * The main acceptance path: the built CLI asks a real recursive resolver (Unbound) on loopback,
 * which resolves the scenario zones from a real authoritative server (NSD).
 */
import { afterAll, beforeAll, describe, it } from "vitest";
import { DMARC_DKIM_SCENARIOS } from "./dmarc-dkim-scenarios.js";
import { type DnsLab, dnsDaemonsAvailable, startDnsLab } from "./dns-lab.js";
import { verifyScenario } from "./scenario.js";
import { SPF_SCENARIOS } from "./spf-scenarios.js";

describe.runIf(dnsDaemonsAvailable())("mailaudit check through Unbound (recursive) and NSD", () => {
  let lab: DnsLab;
  beforeAll(async () => {
    lab = await startDnsLab();
  });
  afterAll(() => lab?.close());

  describe("SPF", () => {
    it.each(SPF_SCENARIOS.map((s) => [s.name, s] as const))("%s", (_name, scenario) =>
      verifyScenario(scenario, lab.unbound.address),
    );
  });
  describe("DMARC and DKIM", () => {
    it.each(DMARC_DKIM_SCENARIOS.map((s) => [s.name, s] as const))("%s", (_name, scenario) =>
      verifyScenario(scenario, lab.unbound.address),
    );
  });
});
