/**
 * Reporters spell the RFC enumerations in their own ways (`Pass`, `SoftFail`, `hardfail`: see
 * docs/reports.md). We lower-case every enumeration and map the known variants onto the RFC 7489
 * appendix C / RFC 9990 vocabulary; anything else is kept (lower-cased) so no data is silently lost.
 */
const AUTH_RESULT_ALIASES: Record<string, string> = {
  hardfail: "fail",
};

export function normalizeEnum(value: string): string {
  return value.trim().toLowerCase();
}

export function normalizeAuthResult(value: string): string {
  const lower = normalizeEnum(value);
  return AUTH_RESULT_ALIASES[lower] ?? lower;
}

/** `<begin>1337270400.0</begin>` (OpenDMARC) and `1524268799 ` (trailing space) are seconds too. */
export function parseTimestamp(value: string): number | undefined {
  const trimmed = value.trim();
  if (!/^\d{1,12}(\.\d+)?$/.test(trimmed)) return undefined;
  return Math.trunc(Number(trimmed));
}

/** A record's `<count>`: a whole number of messages, nothing else. */
export function parseCount(value: string): number | undefined {
  const trimmed = value.trim();
  if (!/^\d{1,15}$/.test(trimmed)) return undefined;
  return Number(trimmed);
}
