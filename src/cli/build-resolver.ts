import { readFileSync } from "node:fs";
import { CachingResolver } from "../dns/caching-resolver.js";
import { domainBudgetMs } from "../dns/deadline-resolver.js";
import { DEFAULT_QUERY_TIMEOUT_MS, SystemResolver } from "../dns/system-resolver.js";
import type { Resolver } from "../dns/types.js";
import { parseZoneFile, ZoneFileError } from "../dns/zone-file.js";
import { ZoneSet } from "../dns/zone-records.js";
import { ZoneResolver } from "../dns/zone-resolver.js";
import { UsageError } from "./errors.js";

export interface ResolverSettings {
  servers: string[];
  timeoutSeconds?: number;
  zoneFiles?: string[];
}

/** The overall time one domain's audit may take with these settings (see DeadlineResolver). */
export function domainBudgetFor(settings: Pick<ResolverSettings, "timeoutSeconds">): number {
  return domainBudgetMs(
    settings.timeoutSeconds === undefined ? DEFAULT_QUERY_TIMEOUT_MS : settings.timeoutSeconds * 1000,
  );
}

/** The run's one resolver: system (or given) servers, zone files layered over them, one cache on top. */
export function buildResolver(settings: ResolverSettings): CachingResolver {
  let resolver: Resolver = new SystemResolver({
    servers: settings.servers,
    ...(settings.timeoutSeconds === undefined
      ? {}
      : { timeoutMs: Math.round(settings.timeoutSeconds * 1000) }),
  });
  if (settings.zoneFiles && settings.zoneFiles.length > 0) {
    resolver = new ZoneResolver(new ZoneSet(settings.zoneFiles.map(readZone)), resolver);
  }
  return new CachingResolver(resolver);
}

function readZone(path: string) {
  let text: string;
  try {
    // Zone files are octets (\DDD escapes are octets too): read as Latin-1 so each byte is one character.
    text = readFileSync(path, "latin1");
  } catch (error) {
    throw new UsageError(
      `--zone ${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  try {
    return parseZoneFile(text, { source: path });
  } catch (error) {
    if (error instanceof ZoneFileError) throw new UsageError(`--zone ${error.message}`);
    throw error;
  }
}
