import { dirname, resolve } from "node:path";
import type { AuditTarget } from "../audit/audit.js";
import type { LockFile } from "../baseline/lockfile.js";
import type { Config, DomainDeclaration } from "../config/types.js";
import type { FailOn } from "../engine/severity.js";
import type { SeverityOverrides } from "../engine/types.js";
import type { Format } from "../format/types.js";
import {
  DEFAULT_PROFILE,
  isProfileName,
  PROFILES,
  type ProfileName,
  severityOverrides,
} from "../profiles/index.js";
import { type Shard, selectShard } from "./shard.js";
import { commandLineDeclaration, expandDeclarations, toTargets } from "./targets.js";

/** What the command line said, already validated (src/cli/check-settings.ts). */
export interface CommandLine {
  /** Normalized domain names; empty means "the config's domains". */
  domains: string[];
  selectors: string[];
  /** Empty when --resolver was not given. */
  servers: string[];
  timeoutSeconds?: number;
  zoneFiles: string[];
  /** `--zone-origin`: the zone's name where a --zone input does not say it. */
  zoneOrigin?: string;
  /** `--offline`: no DNS server is asked; names outside the zones are taken as non-existent. */
  offline: boolean;
  format: Format;
  failOn?: FailOn;
  profile?: ProfileName;
  shard?: Shard;
  concurrency: number;
  /** `--reports-db`: the report store whose recently seen DKIM selectors are checked. */
  reportsDb?: string;
  /** `--https-ca`: a CA file trusted for HTTPS fetches beside Node's default store. */
  httpsCa?: string;
}

export interface CheckSettings {
  targets: AuditTarget[];
  servers: string[];
  timeoutSeconds?: number;
  zoneFiles: string[];
  zoneOrigin?: string;
  offline: boolean;
  format: Format;
  failOn: FailOn;
  profile: ProfileName;
  overrides: SeverityOverrides;
  concurrency: number;
  /** The report store whose DKIM selectors seen in the last 30 days are checked (docs/cli.md). */
  reportsDb?: string;
  /** `--https-ca`: a CA file trusted for HTTPS fetches beside Node's default store. */
  httpsCa?: string;
  /** The config file used, if any (findings point into it). */
  configFile?: string;
  baselineFile?: string;
}

export type SettingsResult = CheckSettings | { problem: string };

/**
 * Command line + config + baseline → one run's settings. Command-line values win over the config's;
 * the profile's overrides come first, the config's `rules:` on top. Returns a problem (a usage
 * error) instead of throwing, so this stays independent of the CLI.
 */
export function resolveCheckSettings(
  commandLine: CommandLine,
  config: Config | undefined,
  baseline?: { file: string; lock: LockFile },
): SettingsResult {
  const profile = commandLine.profile ?? profileOf(config) ?? DEFAULT_PROFILE;
  const defaults = PROFILES[profile].expectations;
  let declarations: DomainDeclaration[];
  if (commandLine.domains.length > 0) {
    const declared = new Map(config ? expandDeclarations(config, defaults).map((d) => [d.domain, d]) : []);
    declarations = unique(commandLine.domains).map(
      (domain) => declared.get(domain) ?? commandLineDeclaration(domain, defaults),
    );
  } else if (config) {
    declarations = expandDeclarations(config, defaults);
  } else {
    return { problem: "no domain given (name one or more, or use --config / ./mailaudit.yaml)" };
  }
  if (commandLine.shard) declarations = selectShard(declarations, (d) => d.domain, commandLine.shard);
  if (baseline) declarations = declarations.map((d) => attachBaseline(d, baseline));

  return {
    targets: toTargets(declarations, commandLine.selectors),
    servers: commandLine.servers.length > 0 ? commandLine.servers : (config?.resolvers ?? []),
    ...timeout(commandLine.timeoutSeconds ?? config?.timeout),
    zoneFiles: commandLine.zoneFiles,
    ...(commandLine.zoneOrigin === undefined ? {} : { zoneOrigin: commandLine.zoneOrigin }),
    offline: commandLine.offline,
    format: commandLine.format,
    failOn: commandLine.failOn ?? config?.failOn ?? "error",
    profile,
    overrides: severityOverrides(profile, config?.rules),
    concurrency: commandLine.concurrency,
    ...reportsDbOf(commandLine, config),
    ...(commandLine.httpsCa === undefined ? {} : { httpsCa: commandLine.httpsCa }),
    ...(config ? { configFile: config.source } : {}),
    ...(baseline ? { baselineFile: baseline.file } : {}),
  };
}

/** The command line's store wins; the config's is relative to the config file (a URL stays a URL). */
function reportsDbOf(commandLine: CommandLine, config: Config | undefined): { reportsDb?: string } {
  if (commandLine.reportsDb !== undefined) return { reportsDb: commandLine.reportsDb };
  const fromConfig = config?.reportsDb;
  if (fromConfig === undefined || config === undefined) return {};
  return {
    reportsDb: /^postgres(ql)?:\/\//i.test(fromConfig)
      ? fromConfig
      : resolve(dirname(config.source), fromConfig),
  };
}

function profileOf(config: Config | undefined): ProfileName | undefined {
  // The loader has validated the name; the guard keeps the type honest.
  return config?.profile !== undefined && isProfileName(config.profile) ? config.profile : undefined;
}

function attachBaseline(
  declaration: DomainDeclaration,
  baseline: { file: string; lock: LockFile },
): DomainDeclaration {
  return {
    ...declaration,
    baseline: { source: baseline.file, snapshot: baseline.lock.domains[declaration.domain] },
  };
}

function timeout(seconds: number | undefined): { timeoutSeconds?: number } {
  return seconds === undefined ? {} : { timeoutSeconds: seconds };
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}
