import { StoreError } from "./store-error.js";

/** How long a writer waits for another mailaudit (an overlapping cron run) to finish its report. */
export const DEFAULT_BUSY_TIMEOUT_SECONDS = 60;

/** The environment variable that changes it (docs/cli.md): tests use a short one, slow disks a longer one. */
export const BUSY_TIMEOUT_VARIABLE = "MAILAUDIT_STORE_BUSY_TIMEOUT";

/**
 * The store's busy timeout in milliseconds: `MAILAUDIT_STORE_BUSY_TIMEOUT` seconds (decimals allowed,
 * more than 0, at most an hour) when set, else the default. A bad value is a configuration error
 * (exit 2), never silently replaced.
 */
export function storeBusyTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const text = env[BUSY_TIMEOUT_VARIABLE];
  if (text === undefined || text === "") return DEFAULT_BUSY_TIMEOUT_SECONDS * 1000;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600)
    throw new StoreError(
      `${BUSY_TIMEOUT_VARIABLE} "${text}": expected a number of seconds greater than 0 and at most 3600`,
    );
  return Math.round(seconds * 1000);
}
