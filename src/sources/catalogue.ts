import { readFileSync } from "node:fs";
import { join } from "node:path";
import { normalizeName } from "../dns/types.js";
import { PACKAGE_ROOT } from "../paths.js";

/**
 * The catalogue of sending services (`data/services.json`): data, not code, so a service is added
 * or corrected by editing one file, each fact beside the public page it was read from. This module
 * only reads it and answers "which service is this name?" (a name matches a catalogued one when it
 * is that name or a subdomain of it: `em123.sendgrid.net` is SendGrid's).
 */

export interface CitedName {
  name: string;
  source: string;
}

export interface CatalogueService {
  id: string;
  name: string;
  kind: string;
  /** Names customers put in `include:` (or that those includes include). */
  spfIncludes: CitedName[];
  /** The d= the service signs with before the customer delegates DKIM to their own domain. */
  dkimDomains: CitedName[];
  /** The envelope-from (bounce) domains it uses before a custom return-path is set up. */
  returnPathDomains: CitedName[];
  /** Suffixes of its servers' reverse DNS names. */
  reverseDns: { suffix: string; source: string }[];
  /** Where the service explains how to align SPF and DKIM with the customer's domain. */
  alignmentGuide?: string;
}

export interface ServiceCatalogue {
  services: readonly CatalogueService[];
  byInclude(name: string): CatalogueService | undefined;
  byDkimDomain(name: string): CatalogueService | undefined;
  byReturnPath(name: string): CatalogueService | undefined;
  byReverseName(name: string): CatalogueService | undefined;
}

export const CATALOGUE_FILE = join(PACKAGE_ROOT, "data", "services.json");

let loaded: ServiceCatalogue | undefined;

/** The catalogue shipped with mailaudit (read once per run). */
export function serviceCatalogue(): ServiceCatalogue {
  loaded ??= buildCatalogue(readCatalogueFile(CATALOGUE_FILE));
  return loaded;
}

export function readCatalogueFile(path: string): CatalogueService[] {
  const document = JSON.parse(readFileSync(path, "utf8")) as { services?: unknown };
  if (!Array.isArray(document.services)) throw new Error(`${path}: no "services" list`);
  return document.services as CatalogueService[];
}

export function buildCatalogue(services: readonly CatalogueService[]): ServiceCatalogue {
  const index = (names: (s: CatalogueService) => string[]) => {
    const map = new Map<string, CatalogueService>();
    for (const service of services) for (const name of names(service)) map.set(normalizeName(name), service);
    return (name: string) => lookupSuffix(map, normalizeName(name));
  };
  return {
    services,
    byInclude: index((s) => s.spfIncludes.map((n) => n.name)),
    byDkimDomain: index((s) => s.dkimDomains.map((n) => n.name)),
    byReturnPath: index((s) => s.returnPathDomains.map((n) => n.name)),
    byReverseName: index((s) => s.reverseDns.map((n) => n.suffix)),
  };
}

/** The entry for `name` or for its closest catalogued parent. */
function lookupSuffix<T>(map: ReadonlyMap<string, T>, name: string): T | undefined {
  let rest = name;
  for (;;) {
    const found = map.get(rest);
    if (found) return found;
    const dot = rest.indexOf(".");
    if (dot < 0) return undefined;
    rest = rest.slice(dot + 1);
  }
}
