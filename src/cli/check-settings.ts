import type { AuditTarget } from "../audit/audit.js";
import { normalizeDomainInput } from "../dns/domain-name.js";
import type { FailOn } from "../engine/severity.js";
import type { SeverityOverrides } from "../engine/types.js";
import type { Format } from "../format/types.js";
import { UsageError } from "./errors.js";
import { parseResolvers, parseTimeoutSeconds } from "./option-parsers.js";

export interface CheckOptions {
  config?: string;
  selector?: string[];
  resolver?: string[];
  timeout?: string;
  zone?: string[];
  baseline?: string;
  format: Format;
  failOn?: FailOn;
  profile?: string;
  shard?: string;
  concurrency: string;
  color?: boolean;
}

export interface CheckSettings {
  targets: AuditTarget[];
  servers: string[];
  timeoutSeconds?: number;
  zoneFiles: string[];
  format: Format;
  failOn: FailOn;
  overrides: SeverityOverrides;
  concurrency: number;
}

/** Turns command-line input into validated settings; every mistake is a UsageError (exit 2). */
export function checkSettingsFromFlags(domains: readonly string[], options: CheckOptions): CheckSettings {
  if (domains.length === 0) throw new UsageError("no domain given (name one or more, or use --config)");
  const selectors = (options.selector ?? []).map(validateSelector);
  const concurrency = Number(options.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 1024) {
    throw new UsageError(`--concurrency "${options.concurrency}": expected a whole number from 1 to 1024`);
  }
  return {
    targets: domains.map((input) => ({ domain: validateDomain(input), selectors })),
    servers: parseResolvers(options.resolver ?? []),
    timeoutSeconds: parseTimeoutSeconds(options.timeout),
    zoneFiles: options.zone ?? [],
    format: options.format,
    failOn: options.failOn ?? "error",
    overrides: {},
    concurrency,
  };
}

export function validateDomain(input: string): string {
  const result = normalizeDomainInput(input);
  if (!result.ok) throw new UsageError(`invalid domain name "${input}": ${result.reason}`);
  return result.domain;
}

export function validateSelector(input: string): string {
  const selector = input.trim().toLowerCase();
  const labels = selector.split(".");
  if (selector === "" || labels.some((l) => !/^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/.test(l))) {
    throw new UsageError(`invalid DKIM selector "${input}": expected DNS labels (letters, digits, hyphens)`);
  }
  return selector;
}
