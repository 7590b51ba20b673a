import type { Resolver } from "../dns/types.js";
import { lookupVersionedTxt } from "../dns/versioned-txt.js";
import type { Fetch, FetchLimits } from "../https/types.js";
import { parsePolicyBody } from "./parse-policy.js";
import { parseStsRecord } from "./parse-record.js";
import type { MtaStsAudit, MtaStsPolicy } from "./types.js";

/** RFC 8461 §3.3 suggests senders take at most 64 KB of policy. */
export const MAX_POLICY_BYTES = 65_536;
const POLICY_LIMITS: FetchLimits = { maxBytes: MAX_POLICY_BYTES, accept: "text/plain" };

/** RFC 8461 §3.3: the policy host and path are fixed by the domain's name. */
export function policyUrl(domain: string): string {
  return `https://mta-sts.${domain}/.well-known/mta-sts.txt`;
}

/**
 * Asks `_mta-sts.<domain>` TXT and, when a record announces a policy, fetches it. The only place
 * MTA-STS asks DNS (through `resolver`) or the web (through `fetch`).
 */
export async function collectMtaSts(resolver: Resolver, domain: string, fetch: Fetch): Promise<MtaStsAudit> {
  const txt = await lookupVersionedTxt(resolver, `_mta-sts.${domain}`, "v=STSv1");
  const record = txt.records.length === 1 ? (txt.records[0] as string) : null;
  const parsed = record === null ? null : parseStsRecord(record);
  return {
    name: txt.name,
    status: txt.status,
    record,
    records: txt.records,
    id: parsed?.id ?? null,
    problems: parsed?.problems ?? [],
    // Fetched even when the record has problems or is doubled: both are worth knowing at once.
    policy: txt.status === "found" ? await fetchPolicy(domain, fetch) : null,
  };
}

async function fetchPolicy(domain: string, fetch: Fetch): Promise<MtaStsPolicy> {
  const url = policyUrl(domain);
  const { report, body } = await fetch(url, POLICY_LIMITS);
  if (body === null)
    return { url, fetch: report, text: null, version: null, mode: null, maxAge: null, mx: [], problems: [] };
  const { text, fields } = parsePolicyBody(body);
  return { url, fetch: report, text, ...fields };
}
