/**
 * What BIMI asks of DMARC before a receiver shows a logo: an enforcing policy (quarantine or reject)
 * applying to 100 % of failing mail, for the domain and for its organizational domain, whose `sp=`
 * must not weaken subdomains to `none` (draft-brand-indicators-for-message-identification, "DMARC
 * policy requirements"). Pure: reads the DMARC facts already collected.
 */
import { parseDmarcRecord } from "../dmarc/parse.js";
import type { DmarcAudit } from "../dmarc/types.js";

export interface DmarcShortfall {
  /** The domain whose DMARC record falls short. */
  domain: string;
  /** p, sp or pct. */
  tag: string;
  /** What applies ("none", "50", "(no record)"). */
  actual: string;
}

const ENFORCING = new Set(["quarantine", "reject"]);

export function bimiDmarcShortfalls(domain: string, dmarc: DmarcAudit): DmarcShortfall[] {
  if (!dmarc.complete) return [];
  const shortfalls: DmarcShortfall[] = [];
  const source = dmarc.source ?? domain;
  if (dmarc.effectivePolicy === null || !ENFORCING.has(dmarc.effectivePolicy))
    shortfalls.push({ domain: source, tag: "p", actual: dmarc.effectivePolicy ?? "(no record)" });
  const pct = dmarc.tags?.pct;
  if (pct !== undefined && pct !== "100") shortfalls.push({ domain: source, tag: "pct", actual: pct });
  const orgDomain = dmarc.organizationalDomain.treeWalk;
  if (orgDomain && orgDomain !== source) {
    const orgRecord = dmarc.treeWalk.found.find((f) => f.domain === orgDomain)?.record;
    const tags = orgRecord ? parseDmarcRecord(orgRecord).tags : undefined;
    if (!tags?.p || !ENFORCING.has(tags.p))
      shortfalls.push({ domain: orgDomain, tag: "p", actual: tags?.p ?? "(no record)" });
    if (tags?.sp === "none") shortfalls.push({ domain: orgDomain, tag: "sp", actual: "none" });
  } else if (dmarc.tags?.sp === "none") {
    shortfalls.push({ domain: source, tag: "sp", actual: "none" });
  }
  return shortfalls;
}
