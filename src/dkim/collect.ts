import type { Resolver } from "../dns/types.js";
import { parseDkimRecord } from "./parse.js";
import type { DkimAudit } from "./types.js";

/** More CNAME hops than anyone delegates through; past it the chain is treated as a loop. */
export const MAX_CNAME_HOPS = 8;

/**
 * Gathers each selector's key record at `<selector>._domainkey.<domain>`. The TXT question follows
 * CNAMEs (the resolver does); the chain itself is asked hop by hop so an ESP delegation shows in the
 * JSON. A CNAME loop or a DNS failure is inconclusive (`dns/lookup-failed`), never "missing".
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
  const [answer, chain] = await Promise.all([resolver.query(name, "TXT"), cnameChain(resolver, name)]);
  const base = {
    selector,
    name,
    cnameChain: chain.targets,
    cnameTarget: chain.targets.at(-1) ?? null,
    keyType: null,
    keyBits: null,
  };
  // A loop also fails the TXT question itself (the resolver follows CNAME-only answers and calls a
  // loop a temporary failure), so the domain is already inconclusive; here it only sets the status.
  if (answer.kind === "temperror" || chain.loop) return { ...base, status: "inconclusive", record: null };
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

/** Follows CNAMEs from `name`; a repeat or too many hops is a loop. DNS failures end the chain quietly (the TXT question reports them). */
async function cnameChain(resolver: Resolver, name: string): Promise<{ targets: string[]; loop: boolean }> {
  const targets: string[] = [];
  const seen = new Set([name.toLowerCase()]);
  let current = name;
  for (let hop = 0; hop < MAX_CNAME_HOPS; hop++) {
    const answer = await resolver.query(current, "CNAME");
    const target = answer.kind === "ok" ? answer.records[0]?.toLowerCase().replace(/\.$/, "") : undefined;
    if (!target) return { targets, loop: false };
    targets.push(target);
    if (seen.has(target)) return { targets, loop: true };
    seen.add(target);
    current = target;
  }
  return { targets, loop: true };
}
