/**
 * DMARC policy discovery, both ways: the RFC 9989 §4.10 DNS tree walk and the RFC 7489 §6.6.3
 * Public Suffix List method. DNS is asked through `lookup` (one `_dmarc` TXT question per name);
 * everything else here is deciding.
 */
import type { DmarcLookup } from "./lookup-record.js";
import { pslOrganizationalDomain, selectOrganizationalDomain, treeWalkNames } from "./org-domain.js";
import { parseDmarcRecord } from "./parse.js";

export type LookupDmarc = (domain: string) => Promise<DmarcLookup>;

export interface FoundRecord {
  domain: string;
  record: string;
  psd: string | undefined;
}

export interface Discovery {
  /** Every `_dmarc` question asked, in order. */
  lookups: DmarcLookup[];
  /** Names with exactly one DMARC record, longest name first (several records at a name are discarded). */
  found: FoundRecord[];
  /** false when a lookup failed before the walk could finish. */
  complete: boolean;
  /** null when a DNS failure leaves it unknown. */
  organizationalDomain: string | null;
  /** The record that applies to the domain, or null. */
  applying: FoundRecord | null;
  /** The organizational domain's own record (or its PSD's), which holds the subdomain policy. */
  organizational: FoundRecord | null;
}

function single(lookup: DmarcLookup): FoundRecord | null {
  const [record] = lookup.records;
  if (lookup.records.length !== 1 || record === undefined) return null;
  const parsed = parseDmarcRecord(record);
  // A record whose tag-list is invalid (a repeated tag) carries no valid psd flag either.
  return {
    domain: lookup.domain,
    record,
    psd: parsed.repeatedTags.length === 0 ? parsed.tags.psd : undefined,
  };
}

/** RFC 9989 §4.10: at most 8 questions, stopping at a record with psd=y or psd=n. */
export async function treeWalk(domain: string, lookup: LookupDmarc): Promise<Discovery> {
  const lookups: DmarcLookup[] = [];
  const found: FoundRecord[] = [];
  let complete = true;
  for (const name of treeWalkNames(domain)) {
    const result = await lookup(name);
    lookups.push(result);
    if (result.status === "failed") {
      complete = false;
      break;
    }
    const record = single(result);
    if (!record) continue;
    found.push(record);
    if (record.psd === "y" || record.psd === "n") break;
  }
  const atDomain = found[0]?.domain === domain ? found[0] : null;
  if (!complete) {
    // A record at the domain itself applies whatever lies above it (RFC 9989 §4.10.1).
    return { lookups, found, complete, organizationalDomain: null, applying: atDomain, organizational: null };
  }
  const organizationalDomain = selectOrganizationalDomain(domain, found);
  const last = found.at(-1);
  const organizational =
    found.find((f) => f.domain === organizationalDomain) ?? (last?.psd === "y" ? last : null);
  return {
    lookups,
    found,
    complete,
    organizationalDomain,
    applying: atDomain ?? organizational,
    organizational,
  };
}

/** RFC 7489 §6.6.3: the domain's own record, else its PSL organizational domain's. */
export async function pslDiscovery(domain: string, lookup: LookupDmarc): Promise<Discovery> {
  const organizationalDomain = pslOrganizationalDomain(domain);
  const names = [
    domain,
    ...(organizationalDomain && organizationalDomain !== domain ? [organizationalDomain] : []),
  ];
  const lookups: DmarcLookup[] = [];
  const found: FoundRecord[] = [];
  for (const name of names) {
    const result = await lookup(name);
    lookups.push(result);
    if (result.status === "failed") {
      return {
        lookups,
        found,
        complete: false,
        organizationalDomain,
        applying: found[0] ?? null,
        organizational: null,
      };
    }
    const record = single(result);
    if (record) found.push(record);
    if (record) break;
  }
  const organizational = found.find((f) => f.domain === organizationalDomain) ?? null;
  return { lookups, found, complete: true, organizationalDomain, applying: found[0] ?? null, organizational };
}
