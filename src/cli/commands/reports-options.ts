import { UsageError } from "../../errors.js";

/** Option parsers shared by the `reports` commands. */

export function parseMaxSize(value: string): number {
  const megabytes = Number(value);
  if (!Number.isFinite(megabytes) || megabytes <= 0 || megabytes > 4096) {
    throw new UsageError(
      `--max-size "${value}": expected a number of megabytes greater than 0 and at most 4096`,
    );
  }
  return megabytes;
}

/**
 * `--since` (and `--before`): YYYY-MM-DD (UTC midnight), an ISO date-time, or `<n>d` for n days ago.
 * Seconds since the epoch.
 */
export function parseSince(value: string, now = Date.now(), flag = "--since"): number {
  const relative = /^(\d{1,5})d$/.exec(value);
  if (relative) return Math.floor(now / 1000) - Number(relative[1]) * 86_400;
  if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) {
    const iso = value.length === 10 ? `${value}T00:00:00Z` : value;
    const ms = Date.parse(iso);
    if (Number.isFinite(ms)) return Math.floor(ms / 1000);
  }
  throw new UsageError(
    `${flag} "${value}": expected a date (YYYY-MM-DD), an ISO date-time, or a number of days like 7d`,
  );
}

export function parsePercent(value: string, flag: string): number {
  const percent = Number(value);
  if (value.trim() === "" || !Number.isFinite(percent) || percent < 0 || percent > 100) {
    throw new UsageError(`${flag} "${value}": expected a percentage from 0 to 100`);
  }
  return percent;
}

/** `--fail-if-silent <days>`: a whole number of days, 1 to 3650. */
export function parseDays(value: string): number {
  const days = Number(value);
  if (!/^\d+$/.test(value.trim()) || days < 1 || days > 3650) {
    throw new UsageError(`--fail-if-silent "${value}": expected a whole number of days from 1 to 3650`);
  }
  return days;
}
