import type { DomainSnapshot } from "../engine/types.js";

/**
 * Whether DNS said the audited domain itself does not exist (NXDOMAIN at the apex, RFC 8020: nothing
 * at or below it). Unknown (a DNS failure) is not absence.
 */
export function domainIsAbsent(snapshot: DomainSnapshot): boolean {
  return snapshot.dmarc?.domainExists === false;
}
