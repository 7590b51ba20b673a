/**
 * `reports summary --fail-if-silent <days>`: a domain that has received no report whose period ended
 * in the last N days usually means its `rua=` broke (a typo, a mailbox that stopped accepting, a
 * missing external-destination authorization record). Pure: the caller reads the store.
 */
export interface Silence {
  domain: string;
  /** End of its latest report period (seconds since the epoch), null when it never had one. */
  latest: number | null;
}

export function silentDomains(
  watched: readonly string[],
  latestByDomain: ReadonlyMap<string, number>,
  days: number,
  nowSeconds: number,
): Silence[] {
  const cutoff = nowSeconds - days * 86_400;
  return watched
    .map((domain) => ({ domain, latest: latestByDomain.get(domain) ?? null }))
    .filter((entry) => entry.latest === null || entry.latest < cutoff);
}

export function silenceReason(silence: Silence, days: number): string {
  const latest =
    silence.latest === null
      ? "none stored"
      : `latest ended ${new Date(silence.latest * 1000).toISOString().slice(0, 10)}`;
  return `${silence.domain}: no report whose period ended in the last ${days} day(s) (${latest}); is its rua= still receiving?`;
}
