import type { Resolver } from "../dns/types.js";
import { parseDkimRecord } from "./parse.js";
import type { DkimAudit } from "./types.js";

/**
 * Gathers each selector's key record at `<selector>._domainkey.<domain>`. The TXT question follows
 * CNAMEs (the resolver does, `src/dns/cname-chain.ts`) and its answer names the chain, so an ESP
 * delegation shows in the JSON without asking each hop again. A CNAME loop or a DNS failure is
 * inconclusive (`dns/lookup-failed`), never "missing".
 */
export async function collectDkim(
  resolver: Resolver,
  domain: string,
  selectors: readonly string[],
): Promise<DkimAudit[]> {
  return Promise.all(selectors.map((selector) => collectSelector(resolver, domain, selector)));
}

async function collectSelector(resolver: Resolver, domain: string, selector: string): Promise<DkimAudit> {
  const name = `${selector}._domainkey.${domain}`;
  const answer = await resolver.query(name, "TXT");
  const targets = answer.kind === "temperror" ? [] : (answer.cnames ?? []);
  const base = {
    selector,
    name,
    cnameChain: targets,
    cnameTarget: targets.at(-1) ?? null,
    keyType: null,
    keyBits: null,
  };
  // A loop fails the TXT question itself (the resolver calls it a temporary failure), so the domain
  // is already inconclusive through dns/lookup-failed.
  if (answer.kind === "temperror")
    return { ...base, status: answer.notChecked ? "not-checked" : "inconclusive", record: null };
  if (answer.kind !== "ok") return { ...base, status: "missing", record: null };
  const records = answer.records.map((chunks) => chunks.join(""));
  const record = records[0] ?? "";
  const facts = parseDkimRecord(record);
  if (records.length > 1) {
    // RFC 6376 §3.6.2.2: with several key records the result is undefined; verifiers may pick any.
    facts.problems.push({
      code: "multiple-records",
      reason: `${records.length} TXT records at the selector; verifiers may pick any`,
    });
  }
  return { ...base, ...facts, status: "found", record };
}
