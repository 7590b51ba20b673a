import type { DomainSnapshot } from "../../../src/engine/types.js";
import { emptyNode } from "../../../src/spf/collect.js";
import { parseSpfRecord } from "../../../src/spf/parse.js";
import type { SpfAudit, SpfNode } from "../../../src/spf/types.js";
import { emptySnapshot } from "../../helpers/rule-tester.js";

/** A tree node as the walker would build it for `record` (counts left to the case). */
export function node(domain: string, record: string | null, extra: Partial<SpfNode> = {}): SpfNode {
  const parsed = record ? parseSpfRecord(record) : undefined;
  const all = parsed?.terms.find((t) => t.kind === "mechanism" && t.mechanism === "all");
  return {
    ...emptyNode(domain, "root", undefined, record ? "ok" : "missing"),
    record,
    records: record ? [record] : [],
    recordBytes: record ? Buffer.byteLength(record) : 0,
    answerBytes: record ? Buffer.byteLength(domain) + Buffer.byteLength(record) : 0,
    syntaxProblems: parsed?.problems ?? [],
    allQualifier: all?.kind === "mechanism" ? all.qualifier : null,
    hasRedirect: parsed?.terms.some((t) => t.kind === "modifier" && t.name === "redirect") ?? false,
    ...extra,
  };
}

/** A snapshot whose SPF audit has `tree` at the root (or none). */
export function spfSnapshot(
  tree: SpfNode | null,
  extra: Partial<SpfAudit> = {},
  domain = "example.com",
): DomainSnapshot {
  const spf: SpfAudit = {
    record: tree?.status === "ok" ? tree.record : null,
    records: tree?.records ?? [],
    lookupCount: tree?.subtreeLookups ?? 0,
    voidLookupCount: tree?.subtreeVoidLookups ?? 0,
    lookupCountIsLowerBound: false,
    inconclusive: false,
    tree,
    ...extra,
  };
  return { ...emptySnapshot(domain), spf };
}
