import { ALL_RULES } from "../../rules/index.js";
import type { RuleMeta, SeverityOverrides } from "../engine/types.js";
import { UsageError } from "../errors.js";
import { makeLocator } from "../format/locate.js";
import { ruleMetaMap } from "../format/rule-meta.js";
import type { FormatContext } from "../format/types.js";
import { isProfileName, PROFILE_NAMES } from "../profiles/index.js";
import { findConfig, readBaseline } from "../run-settings/read-inputs.js";
import { type CheckSettings, type CommandLine, resolveCheckSettings } from "../run-settings/settings.js";
import { parseShard } from "../run-settings/shard.js";
import { packageVersion } from "../version.js";
import { readZoneInput } from "./build-resolver.js";
import type { CheckOptions } from "./commands/check.js";
import {
  parseResolvers,
  parseTimeoutSeconds,
  validateConcurrency,
  validateDomain,
  validateSelector,
} from "./option-parsers.js";

export type { CheckSettings } from "../run-settings/settings.js";

/** What settings are made of: check's options (snapshot gives those it shares, with `format` fixed). */
export type SettingsOptions = Omit<CheckOptions, "color">;

/** Command-line input (+ config file + baseline) → validated settings; every mistake exits 2. */
export async function checkSettings(
  domains: readonly string[],
  options: SettingsOptions,
  cwd = process.cwd(),
): Promise<CheckSettings> {
  const commandLine = commandLineFrom(domains, options);
  const config = await findConfig(options.config, domains.length > 0, cwd);
  const baseline =
    options.baseline === undefined
      ? undefined
      : { file: options.baseline, lock: readBaseline(options.baseline) };
  const result = resolveCheckSettings(commandLine, config, baseline);
  if ("problem" in result) throw new UsageError(result.problem);
  return result;
}

function commandLineFrom(domains: readonly string[], options: SettingsOptions): CommandLine {
  return {
    domains: domains.map(validateDomain),
    selectors: (options.selector ?? []).map(validateSelector),
    servers: parseResolvers(options.resolver ?? []),
    ...optional("timeoutSeconds", parseTimeoutSeconds(options.timeout)),
    zoneFiles: options.zone ?? [],
    ...optional("zoneOrigin", options.zoneOrigin),
    offline: options.offline === true,
    format: options.format,
    ...optional("failOn", options.failOn),
    ...optional("profile", options.profile === undefined ? undefined : validateProfile(options.profile)),
    ...optional("shard", options.shard === undefined ? undefined : validateShard(options.shard)),
    concurrency: validateConcurrency(options.concurrency),
    ...optional("reportsDb", options.reportsDb),
    ...optional("httpsCa", options.httpsCa),
  };
}

function validateProfile(name: string) {
  if (!isProfileName(name))
    throw new UsageError(`--profile "${name}": expected one of ${PROFILE_NAMES.join(", ")}`);
  return name;
}

function validateShard(text: string) {
  const shard = parseShard(text);
  if (typeof shard === "string") throw new UsageError(`--shard "${text}": ${shard}`);
  return shard;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** The formatters' context for this run: rule metadata, colour, and where findings come from. */
export function formatContextFor(settings: CheckSettings, color: boolean, width?: number): FormatContext {
  return {
    color,
    ...(width === undefined ? {} : { width }),
    rules: effectiveRuleMeta(settings.overrides),
    failOn: settings.failOn,
    toolVersion: packageVersion(),
    locate: makeLocator({
      ...(settings.configFile ? { configFile: settings.configFile } : {}),
      ...(settings.baselineFile ? { baselineFile: settings.baselineFile } : {}),
      declarations: settings.targets.flatMap((t) => (t.declared ? [t.declared] : [])),
      rules: ALL_RULES.map((rule) => rule.meta),
      zones: settings.zoneFiles.flatMap((file) =>
        zoneOrigins(file, settings.zoneOrigin).map((origin) => ({ file, origin })),
      ),
    }),
  };
}

/** The rules this run checks (not turned off), each at the severity the profile and config give it. */
function effectiveRuleMeta(overrides: SeverityOverrides): ReadonlyMap<string, RuleMeta> {
  const metas = new Map<string, RuleMeta>();
  for (const [id, meta] of ruleMetaMap(ALL_RULES)) {
    const setting = overrides[id];
    if (setting === "off") continue;
    metas.set(id, setting === undefined ? meta : { ...meta, severity: setting });
  }
  return metas;
}

/** The origins of the zones a `--zone` input holds (buildResolver has already read and validated it). */
function zoneOrigins(file: string, origin: string | undefined): string[] {
  return readZoneInput(file, origin).zones.map((zone) => zone.origin);
}
