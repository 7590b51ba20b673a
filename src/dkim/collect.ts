import type { Resolver } from "../dns/types.js";
import type { DkimAudit } from "./types.js";

/**
 * Gathers each selector's key record.
 * PLACEHOLDER until the DKIM audit lands: reads the TXT record only.
 */
export async function collectDkim(resolver: Resolver, domain: string, selectors: readonly string[]): Promise<DkimAudit[]> {
  return Promise.all(
    selectors.map(async (selector): Promise<DkimAudit> => {
      const answer = await resolver.query(`${selector}._domainkey.${domain}`, "TXT");
      const record = answer.kind === "ok" ? (answer.records[0]?.join("") ?? null) : null;
      return { selector, record, keyType: null, keyBits: null };
    }),
  );
}
