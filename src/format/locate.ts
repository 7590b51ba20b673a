import type { Finding, RuleMeta } from "../engine/types.js";
import type { SourceLocation } from "./types.js";

export interface LocatorInputs {
  configFile?: string;
  /** The config's domain entries: where each declared key sits in the file (see DomainDeclaration). */
  declarations: ReadonlyArray<{ domain: string; lines?: Record<string, number> }>;
  /** Zone files given with --zone and the origins they hold. */
  zones: ReadonlyArray<{ file: string; origin: string }>;
  baselineFile?: string;
  /** The rules' meta: a rule's `configKey` is the line of the domain entry its findings point at. */
  rules: readonly RuleMeta[];
}

/**
 * Points a finding at the files it comes from: the expectation's line in the config (or the
 * domain's entry), the zone file that serves the domain, the baseline for `drift/baseline`.
 */
export function makeLocator(inputs: LocatorInputs): (finding: Finding) => SourceLocation[] {
  const byDomain = new Map(inputs.declarations.map((d) => [d.domain, d]));
  const configKeys = new Map(
    inputs.rules.flatMap((meta) => (meta.configKey ? [[meta.id, meta.configKey]] : [])),
  );
  return (finding) => {
    const locations: SourceLocation[] = [];
    const declared = byDomain.get(finding.domain);
    if (finding.rule === "drift/baseline" && inputs.baselineFile)
      locations.push({ file: inputs.baselineFile });
    if (inputs.configFile && declared?.lines) {
      const key = configKeys.get(finding.rule);
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
