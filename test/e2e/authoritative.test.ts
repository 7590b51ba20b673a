/**
 * The same scenarios asked of NSD directly, with no recursive resolver in between: proves the
 * authoritative path (every name is in a zone NSD serves). Scenarios that depend on a resolver's
 * behaviour (a dead delegation, a CNAME loop) say so and run only through Unbound.
 */
import { afterAll, beforeAll, describe, it } from "vitest";
import { type NsdServer, startNsd, zonesInDirectory } from "../helpers/nsd.js";
import { DMARC_DKIM_SCENARIOS } from "./dmarc-dkim-scenarios.js";
import { dnsDaemonsAvailable, E2E_ZONES_DIR } from "./dns-lab.js";
import { verifyScenario } from "./scenario.js";
import { SPF_SCENARIOS } from "./spf-scenarios.js";

const AUTHORITATIVE = [...SPF_SCENARIOS, ...DMARC_DKIM_SCENARIOS].filter((s) => !s.recursiveOnly);

describe.runIf(dnsDaemonsAvailable())("mailaudit check asking NSD directly (authoritative only)", () => {
  let nsd: NsdServer;
  beforeAll(async () => {
    nsd = await startNsd(await zonesInDirectory(E2E_ZONES_DIR));
  });
  afterAll(() => nsd?.close());

  it.each(AUTHORITATIVE.map((s) => [s.name, s] as const))("%s", (_name, scenario) =>
    verifyScenario(scenario, nsd.address),
  );
});
