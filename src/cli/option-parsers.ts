/**
 * Validation of values given on the command line, shared by the commands: each mistake is a
 * `UsageError` (exit 2) naming the flag or value and the reason.
 */
import { selectorProblem } from "../config/names.js";
import { normalizeDomainInput } from "../dns/domain-name.js";
import { parseServerAddress } from "../dns/server-address.js";
import { UsageError } from "../errors.js";

export function validateDomain(input: string): string {
  const result = normalizeDomainInput(input);
  if (!result.ok) throw new UsageError(`invalid domain name "${input}": ${result.reason}`);
  return result.domain;
}

export function validateSelector(input: string): string {
  const problem = selectorProblem(input);
  if (problem) throw new UsageError(`invalid DKIM selector "${input}": ${problem}`);
  return input.trim().toLowerCase();
}

export function parseResolvers(values: readonly string[]): string[] {
  return values.map((value) => {
    const address = parseServerAddress(value);
    if (!address)
      throw new UsageError(`--resolver "${value}": expected an IP address, ip:port or [ipv6]:port`);
    return address;
  });
}

export function parseTimeoutSeconds(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 300) {
    throw new UsageError(`--timeout "${value}": expected a number of seconds greater than 0 and at most 300`);
  }
  return seconds;
}

export function validateConcurrency(text: string): number {
  const concurrency = Number(text);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 1024) {
    throw new UsageError(`--concurrency "${text}": expected a whole number from 1 to 1024`);
  }
  return concurrency;
}
