import type { Resolver } from "../dns/types.js";
import { isDmarcRecord, looksLikeDmarc } from "./parse.js";

/** What one `_dmarc.<domain>` TXT question showed. */
export interface DmarcLookup {
  domain: string;
  /** "failed": no verdict (timeout, SERVFAIL…); the walk cannot go on reliably. */
  status: "ok" | "failed";
  /** TXT records that start with v=DMARC1. */
  records: string[];
  /** Near misses: look like DMARC, but the version is not exactly `v=DMARC1`. */
  rejected: string[];
  /** SPF records published at `_dmarc` by mistake. */
  spf: string[];
}

/** Asks TXT `_dmarc.<domain>` and sorts what comes back. */
export async function lookupDmarc(resolver: Resolver, domain: string): Promise<DmarcLookup> {
  const answer = await resolver.query(`_dmarc.${domain}`, "TXT");
  const result: DmarcLookup = {
    domain,
    status: answer.kind === "temperror" ? "failed" : "ok",
    records: [],
    rejected: [],
    spf: [],
  };
  if (answer.kind !== "ok") return result;
  for (const text of answer.records.map((chunks) => chunks.join(""))) {
    if (isDmarcRecord(text)) result.records.push(text);
    else if (looksLikeDmarc(text)) result.rejected.push(text);
    else if (/^v=spf1(\s|$)/i.test(text)) result.spf.push(text);
  }
  return result;
}
