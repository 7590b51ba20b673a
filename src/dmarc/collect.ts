import type { Resolver } from "../dns/types.js";
import { type Discovery, type LookupDmarc, pslDiscovery, treeWalk } from "./discover.js";
import { domainExists } from "./domain-exists.js";
import { resolvePolicies } from "./effective-policy.js";
import { type DmarcLookup, lookupDmarc } from "./lookup-record.js";
import { isDmarcRecord, parseDmarcRecord } from "./parse.js";
import { checkReportAuthorizations } from "./report-authorization.js";
import type { AlignmentMode, DmarcAudit, MisplacedRecord } from "./types.js";

/**
 * Gathers the DMARC facts for `domain`: discovery both ways (RFC 9989 tree walk, which decides, and
 * RFC 7489 PSL, which legacy receivers use), the applying record parsed, misplaced records, and
 * whether external report destinations accept reports. The only DNS-asking code of the DMARC audit.
 */
export async function collectDmarc(resolver: Resolver, domain: string): Promise<DmarcAudit> {
  const lookup = memoize((name: string) => lookupDmarc(resolver, name));
  const [walk, psl, exists, misplacedApex] = await Promise.all([
    treeWalk(domain, lookup),
    pslDiscovery(domain, lookup),
    domainExists(resolver, domain),
    dmarcAtApex(resolver, domain),
  ]);
  const { applying } = walk;
  const parsed = applying ? parseDmarcRecord(applying.record) : null;
  // A repeated tag makes the whole tag-list invalid (RFC 6376 §3.2): nothing in it is judged or
  // asked about; dmarc/syntax reports it once, and the policy is §4.10.1's fallback at most.
  const validTags = parsed && parsed.repeatedTags.length === 0 ? parsed.tags : null;
  const reportAuthorizations =
    applying && validTags ? await checkReportAuthorizations(resolver, applying.domain, validTags) : [];
  const lookups = uniqueLookups([...walk.lookups, ...psl.lookups]);
  const ownLookup = lookups.find((l) => l.domain === domain);
  const misplaced: MisplacedRecord[] = [
    ...misplacedApex,
    ...(ownLookup?.spf ?? []).map((record) => ({
      kind: "spf-at-dmarc" as const,
      name: `_dmarc.${domain}`,
      record,
    })),
  ];
  return {
    record: applying?.record ?? null,
    source: applying?.domain ?? null,
    ...resolvePolicies({ domain, domainExists: exists, applying, organizational: walk.organizational }),
    complete: walk.complete && psl.complete,
    domainExists: exists,
    organizationalDomain: { treeWalk: walk.organizationalDomain, psl: psl.organizationalDomain },
    sources: { treeWalk: sourceOf(walk), psl: sourceOf(psl) },
    treeWalk: {
      queried: walk.lookups.map((l) => `_dmarc.${l.domain}`),
      found: walk.found.map(({ domain: d, record }) => ({ domain: d, record })),
    },
    multipleRecords: lookups
      .filter((l) => l.records.length > 1)
      .map((l) => ({ domain: l.domain, records: l.records })),
    rejectedRecords: lookups.flatMap((l) => l.rejected.map((record) => ({ domain: l.domain, record }))),
    misplaced,
    tags: validTags,
    problems: parsed?.problems ?? [],
    alignment: { spf: alignmentMode(validTags?.aspf), dkim: alignmentMode(validTags?.adkim) },
    reportAuthorizations,
  };
}

function sourceOf(discovery: Discovery): string | null {
  return discovery.applying?.domain ?? null;
}

/** RFC 7489 §6.3: relaxed unless `s` is given (an invalid value falls back to the default). */
function alignmentMode(value: string | undefined): AlignmentMode {
  return value === "s" ? "s" : "r";
}

/** A DMARC record published at the domain itself has no effect: receivers only read `_dmarc.<domain>`. */
async function dmarcAtApex(resolver: Resolver, domain: string): Promise<MisplacedRecord[]> {
  const answer = await resolver.query(domain, "TXT");
  if (answer.kind !== "ok") return [];
  return answer.records
    .map((chunks) => chunks.join(""))
    .filter(isDmarcRecord)
    .map((record) => ({ kind: "dmarc-at-apex", name: domain, record }));
}

function uniqueLookups(lookups: DmarcLookup[]): DmarcLookup[] {
  return [...new Map(lookups.map((l) => [l.domain, l])).values()];
}

function memoize(fn: LookupDmarc): LookupDmarc {
  const cache = new Map<string, Promise<DmarcLookup>>();
  return (name) => {
    let result = cache.get(name);
    if (!result) {
      result = fn(name);
      cache.set(name, result);
    }
    return result;
  };
}
