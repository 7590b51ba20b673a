import type { Resolver } from "../dns/types.js";

/** Where a probed selector came from. */
export type ProbeSource = "built-in" | "reports";

export interface ProbeCandidate {
  selector: string;
  from: ProbeSource;
}

/**
 * What probing for DKIM keys found, when no selector was named: a guess, said as one (rule
 * `dkim/selectors-guessed`). Like `lookupFailures`, it describes the run (the report store grows),
 * so a baseline keeps only the keys found (in `dkim`), not this.
 */
export interface DkimProbe {
  /** Every selector asked about: the built-in list, then those seen in stored reports. */
  candidates: ProbeCandidate[];
  /** Those with a key record at `<selector>._domainkey.<domain>`. */
  found: string[];
  /** Those DNS gave no answer for (timeout, SERVFAIL): neither found nor absent. */
  unknown: string[];
}

/**
 * Asks for every candidate's key record at once (one TXT question each, concurrently). A guess that
 * finds nothing is not an error, and a failed guess does not make the audit inconclusive: the caller
 * asks through a resolver that does not record failures, and lists them as `unknown` instead.
 */
export async function probeSelectors(
  resolver: Resolver,
  domain: string,
  candidates: readonly ProbeCandidate[],
): Promise<DkimProbe> {
  const unique = [...new Map(candidates.map((c) => [c.selector, c])).values()];
  const answers = await Promise.all(
    unique.map((c) => resolver.query(`${c.selector}._domainkey.${domain}`, "TXT")),
  );
  const probe: DkimProbe = { candidates: unique, found: [], unknown: [] };
  unique.forEach((candidate, i) => {
    const answer = answers[i];
    if (answer?.kind === "temperror") probe.unknown.push(candidate.selector);
    else if (answer?.kind === "ok" && answer.records.some((strings) => looksLikeKey(strings.join(""))))
      probe.found.push(candidate.selector);
  });
  return probe;
}

/**
 * A key record, not whatever a wildcard TXT at `*.example.com` answers for every name: it starts
 * with `v=DKIM1` or carries a `p=` tag (RFC 6376 §3.6.1: v= is optional, p= required).
 */
function looksLikeKey(record: string): boolean {
  return /^\s*v\s*=\s*DKIM1\b/i.test(record) || /(^|;)\s*p\s*=/.test(record);
}
