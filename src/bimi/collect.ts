import type { DmarcAudit } from "../dmarc/types.js";
import type { Resolver } from "../dns/types.js";
import { lookupVersionedTxt, type VersionedTxt } from "../dns/versioned-txt.js";
import type { Fetch, FetchLimits } from "../https/types.js";
import { parseBimiRecord } from "./parse.js";
import { checkSvgTinyPs } from "./svg-profile.js";
import type { BimiAudit, BimiLogo } from "./types.js";

/** Enough to read a logo twice the 32 KB BIMI asks for, so its size can be reported, not just refused. */
export const MAX_LOGO_FETCH_BYTES = 65_536;
const LOGO_LIMITS: FetchLimits = { maxBytes: MAX_LOGO_FETCH_BYTES, accept: "image/svg+xml" };
const SELECTOR = "default";

/**
 * Asks `default._bimi.<domain>`, else the organizational domain's (the draft's fallback), and
 * fetches and checks the logo. Waits for DMARC: the organizational domain comes from its tree walk.
 */
export async function collectBimi(
  resolver: Resolver,
  domain: string,
  dmarc: DmarcAudit,
  fetch: Fetch,
): Promise<BimiAudit> {
  const name = `${SELECTOR}._bimi.${domain}`;
  let txt: VersionedTxt = await lookupVersionedTxt(resolver, name, "v=BIMI1");
  let source: string | null = txt.status === "found" ? domain : null;
  const orgDomain = dmarc.organizationalDomain.treeWalk;
  if (txt.status === "none" && orgDomain && orgDomain !== domain) {
    txt = await lookupVersionedTxt(resolver, `${SELECTOR}._bimi.${orgDomain}`, "v=BIMI1");
    if (txt.status === "found") source = orgDomain;
  }
  const record = txt.records.length === 1 ? (txt.records[0] as string) : null;
  const parsed = record === null ? null : parseBimiRecord(record);
  const logoUrl = parsed?.logoUrl ?? null;
  return {
    selector: SELECTOR,
    name,
    source,
    status: txt.status,
    record,
    records: txt.records,
    declined: parsed?.declined ?? false,
    logoUrl,
    authorityUrl: parsed?.authorityUrl ?? null,
    authority: parsed?.authorityUrl ? "present" : "absent",
    problems: parsed?.problems ?? [],
    logo: logoUrl === null ? null : await fetchLogo(logoUrl, fetch),
  };
}

async function fetchLogo(url: string, fetch: Fetch): Promise<BimiLogo> {
  const { report, body } = await fetch(url, LOGO_LIMITS);
  return { url, fetch: report, svg: body === null ? null : checkSvgTinyPs(body) };
}
