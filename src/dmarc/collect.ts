import type { Resolver } from "../dns/types.js";
import type { DmarcAudit } from "./types.js";

/**
 * Gathers the DMARC facts for `domain`.
 * PLACEHOLDER until DMARC discovery lands: reads only `_dmarc.<domain>`.
 */
export async function collectDmarc(resolver: Resolver, domain: string): Promise<DmarcAudit> {
  const answer = await resolver.query(`_dmarc.${domain}`, "TXT");
  const records =
    answer.kind === "ok" ? answer.records.map((chunks) => chunks.join("")).filter((t) => t.startsWith("v=DMARC1")) : [];
  const record = records.length === 1 ? (records[0] ?? null) : null;
  return { record, source: record ? domain : null, policy: null, subdomainPolicy: null, effectivePolicy: null };
}
