import type { Resolver } from "../dns/types.js";
import type { SpfAudit } from "./types.js";

/**
 * Gathers the SPF facts for `domain`.
 * PLACEHOLDER until the SPF walker lands: reads only the top-level record.
 */
export async function collectSpf(resolver: Resolver, domain: string): Promise<SpfAudit> {
  const answer = await resolver.query(domain, "TXT");
  const records =
    answer.kind === "ok" ? answer.records.map((chunks) => chunks.join("")).filter((t) => /^v=spf1( |$)/i.test(t)) : [];
  return {
    record: records.length === 1 ? (records[0] ?? null) : null,
    records,
    lookupCount: 0,
    voidLookupCount: 0,
    tree: null,
  };
}
