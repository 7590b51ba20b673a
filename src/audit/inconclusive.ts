import type { DomainSnapshot } from "../engine/types.js";
import type { FetchReport } from "../https/types.js";

/** The HTTPS fetches of a snapshot that reached no verdict (timed out, or the host's DNS failed). */
export function inconclusiveFetches(snapshot: DomainSnapshot): FetchReport[] {
  const fetches = [snapshot.mtaSts?.policy?.fetch, snapshot.bimi?.logo?.fetch];
  return fetches.filter((fetch): fetch is FetchReport => fetch?.status === "inconclusive");
}

/**
 * Whether something the audit needed got no answer: a DNS question or an HTTPS fetch. Such a
 * domain's status is `inconclusive` (exit 3) unless a definite failure was found, and it cannot
 * serve as a baseline.
 */
export function isInconclusive(snapshot: DomainSnapshot): boolean {
  return snapshot.lookupFailures.length > 0 || inconclusiveFetches(snapshot).length > 0;
}
