import { CachingResolver } from "../dns/caching-resolver.js";
import { domainBudgetMs } from "../dns/deadline-resolver.js";
import { normalizeDomainInput } from "../dns/domain-name.js";
import { DEFAULT_QUERY_TIMEOUT_MS, SystemResolver } from "../dns/system-resolver.js";
import type { Resolver } from "../dns/types.js";
import { ZoneFileError } from "../dns/zone-file.js";
import { ZoneSet } from "../dns/zone-records.js";
import { ZoneResolver } from "../dns/zone-resolver.js";
import { UsageError } from "../errors.js";
import { escapeForTerminal } from "../format/escape.js";
import { ZoneInputError } from "../zone-formats/input-error.js";
import { readZoneInputFile } from "../zone-formats/read-zone-input.js";
import { describeNotice, type ZoneInput } from "../zone-formats/types.js";
import { parseResolvers, parseTimeoutSeconds } from "./option-parsers.js";

export interface ResolverSettings {
  servers: string[];
  timeoutSeconds?: number;
  zoneFiles?: string[];
  /** `--zone-origin`: the zone's name where an input does not say it. */
  zoneOrigin?: string;
  /** No question leaves the machine: names outside every zone are taken as non-existent. */
  offline?: boolean;
}

/** A command's DNS options (`dnsOptions`, `zoneOptions`, `--offline`) → resolver settings; bad values exit 2. */
export function resolverSettingsFrom(options: {
  resolver?: string[] | undefined;
  timeout?: string | undefined;
  zone?: string[] | undefined;
  zoneOrigin?: string | undefined;
  offline?: boolean | undefined;
}): ResolverSettings {
  return {
    servers: parseResolvers(options.resolver ?? []),
    timeoutSeconds: parseTimeoutSeconds(options.timeout),
    zoneFiles: options.zone ?? [],
    ...(options.zoneOrigin === undefined ? {} : { zoneOrigin: options.zoneOrigin }),
    offline: options.offline === true,
  };
}

/** The overall time one domain's audit may take with these settings (see DeadlineResolver). */
export function domainBudgetFor(settings: Pick<ResolverSettings, "timeoutSeconds">): number {
  return domainBudgetMs(
    settings.timeoutSeconds === undefined ? DEFAULT_QUERY_TIMEOUT_MS : settings.timeoutSeconds * 1000,
  );
}

/**
 * The run's one resolver: system (or given) servers, zone files layered over them, one cache on top.
 * Offline there is no system resolver at all, so nothing can leave the machine by mistake.
 */
export function buildResolver(settings: ResolverSettings): CachingResolver {
  const zoneFiles = settings.zoneFiles ?? [];
  if (settings.zoneOrigin !== undefined && zoneFiles.length === 0)
    throw new UsageError("--zone-origin names the zone of a --zone input: give one");
  if (settings.offline && zoneFiles.length === 0)
    throw new UsageError("--offline needs at least one --zone: there would be nothing to answer from");
  const zones = () => {
    const inputs = zoneFiles.map((file) => readZoneInput(file, settings.zoneOrigin));
    // What a reader could not check (unknown planned values, skipped resource types), said once.
    for (const notice of inputs.flatMap((input) => input.notices)) {
      process.stderr.write(`mailaudit: note: ${escapeForTerminal(describeNotice(notice))}\n`);
    }
    return new ZoneSet(inputs.flatMap((input) => input.zones));
  };
  if (settings.offline) return new CachingResolver(new ZoneResolver(zones(), "assume-absent"));
  let resolver: Resolver = new SystemResolver({
    servers: settings.servers,
    ...(settings.timeoutSeconds === undefined
      ? {}
      : { timeoutMs: Math.round(settings.timeoutSeconds * 1000) }),
  });
  if (zoneFiles.length > 0) resolver = new ZoneResolver(zones(), { ask: resolver });
  return new CachingResolver(resolver);
}

const zoneInputs = new Map<string, ZoneInput>();

/**
 * One `--zone` input in any format it may be written in; a bad one is a usage error (exit 2). Each
 * path is read once per run: the resolver and the SARIF locator both need it, and a pipe
 * (`--zone <(terraform show -json plan)`) can be read only once.
 */
export function readZoneInput(path: string, origin?: string): ZoneInput {
  const key = `${path}\u0000${origin ?? ""}`;
  const known = zoneInputs.get(key);
  if (known) return known;
  try {
    const input = readZoneInputFile(path, origin === undefined ? {} : { origin: validateZoneOrigin(origin) });
    zoneInputs.set(key, input);
    return input;
  } catch (error) {
    if (error instanceof ZoneFileError || error instanceof ZoneInputError)
      throw new UsageError(`--zone ${error.message}`);
    throw error;
  }
}

function validateZoneOrigin(origin: string): string {
  const name = normalizeDomainInput(origin);
  if (!name.ok) throw new UsageError(`--zone-origin "${origin}": ${name.reason}`);
  return name.domain;
}
