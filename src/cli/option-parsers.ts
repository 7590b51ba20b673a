import { parseServerAddress } from "../dns/server-address.js";
import { UsageError } from "./errors.js";

/** Commander collector for repeatable options (`-s a -s b`). */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function parseResolvers(values: readonly string[]): string[] {
  return values.map((value) => {
    const address = parseServerAddress(value);
    if (!address)
      throw new UsageError(`--resolver "${value}": expected an IP address, ip:port or [ipv6]:port`);
    return address;
  });
}

export function parseTimeoutSeconds(
  value: string | number | undefined,
  flag = "--timeout",
): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 300) {
    throw new UsageError(`${flag} "${value}": expected a number of seconds greater than 0 and at most 300`);
  }
  return seconds;
}
