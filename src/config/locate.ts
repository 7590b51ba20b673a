import type { Finding } from "../engine/types.js";
import type { SourceLocation } from "../format/types.js";
import type { DomainDeclaration } from "./types.js";

/** The config key each expectation rule checks, as a path inside a domain entry. */
const RULE_KEYS: Record<string, string> = {
  "drift/dkim-key-size": "expect.dkim.minKeyBits",
  "drift/dkim-selector": "dkim.selectors",
  "drift/dmarc-policy": "expect.dmarc.policy",
  "drift/dmarc-rua": "expect.dmarc.rua",
  "drift/dmarc-subdomain-policy": "expect.dmarc.subdomainPolicy",
  "drift/spf-all": "expect.spf.all",
  "drift/spf-include": "expect.spf.includes",
  "drift/spf-lookups": "expect.spf.maxLookups",
};

export interface LocatorInputs {
  configFile?: string;
  declarations: readonly DomainDeclaration[];
  /** Zone files given with --zone and the origins they hold. */
  zones: ReadonlyArray<{ file: string; origin: string }>;
  baselineFile?: string;
}

/**
 * Points a finding at the files it comes from: the expectation's line in the config (or the
 * domain's entry), the zone file that serves the domain, the baseline for `drift/baseline`.
 */
export function makeLocator(inputs: LocatorInputs): (finding: Finding) => SourceLocation[] {
  const byDomain = new Map(inputs.declarations.map((d) => [d.domain, d]));
  return (finding) => {
    const locations: SourceLocation[] = [];
    const declared = byDomain.get(finding.domain);
    if (finding.rule === "drift/baseline" && inputs.baselineFile)
      locations.push({ file: inputs.baselineFile });
    if (inputs.configFile && declared?.lines) {
      const key = RULE_KEYS[finding.rule];
      const line = (key === undefined ? undefined : declared.lines[key]) ?? declared.lines[""];
      locations.push({ file: inputs.configFile, ...(line === undefined ? {} : { line }) });
    }
    const zone = longestZoneFor(finding.domain, inputs.zones);
    if (zone) locations.push({ file: zone.file });
    return locations;
  };
}

function longestZoneFor(domain: string, zones: LocatorInputs["zones"]) {
  let best: LocatorInputs["zones"][number] | undefined;
  for (const zone of zones) {
    const covers = domain === zone.origin || domain.endsWith(`.${zone.origin}`);
    if (covers && (!best || zone.origin.length > best.origin.length)) best = zone;
  }
  return best;
}
