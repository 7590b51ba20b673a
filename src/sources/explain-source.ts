import type { OrgDomainOf } from "./alignment.js";
import type { ServiceCatalogue } from "./catalogue.js";
import { classifyGroup, type GroupVerdict, recogniseService, type SourceFacts } from "./classify.js";
import type { RecordGroup } from "./record-groups.js";
import { explanationSentence } from "./sentences.js";
import type { SourceClass, SourceExplanation } from "./types.js";

/**
 * A source's class is the class of most of its messages (a Google IP may carry aligned mail and a
 * forwarded message or two); on a tie the one that needs attention wins.
 */
const TIE_ORDER: readonly (SourceClass | "undecided")[] = [
  "unauthorized",
  "undecided",
  "authorized-unaligned",
  "forwarded",
  "aligned",
];

export interface ExplainContext {
  orgOf: OrgDomainOf;
  catalogue: ServiceCatalogue;
  /** The latest published p= of the domain (for "nothing to fix if p=reject"). */
  policy: string | null;
}

export function explainSource(facts: SourceFacts, context: ExplainContext): SourceExplanation {
  const verdicts = facts.records.groups.map((group) => ({
    group,
    verdict: classifyGroup(group, facts, context.orgOf, context.catalogue),
  }));
  const byClass = new Map<SourceClass | "undecided", number>();
  let disagreements = 0;
  for (const { group, verdict } of verdicts) {
    const key = verdict.basis.class ?? "undecided";
    byClass.set(key, (byClass.get(key) ?? 0) + group.messages);
    if (verdict.disagrees) disagreements += group.messages;
  }
  const dominant =
    [...byClass.entries()].sort(
      (a, b) => b[1] - a[1] || TIE_ORDER.indexOf(a[0]) - TIE_ORDER.indexOf(b[0]),
    )[0]?.[0] ?? "undecided";
  const inClass = verdicts
    .filter(({ verdict }) => (verdict.basis.class ?? "undecided") === dominant)
    .sort((a, b) => b.group.messages - a.group.messages);
  const representative = inClass[0] as { group: RecordGroup; verdict: GroupVerdict } | undefined;
  const service = recogniseService(facts, context.catalogue);
  const basis = representative?.verdict.basis ?? {
    class: null,
    candidates: ["authorized-unaligned", "unauthorized"],
    reason: "no-dns",
    detail: "no records",
  };
  const explanation = explanationSentence({
    facts,
    basis,
    group: representative?.group,
    groups: inClass.map((v) => v.group),
    service,
    policy: context.policy,
    messages: facts.records.messages,
  });
  return {
    class: basis.class,
    service: service?.name ?? null,
    explanation,
    ...(basis.class === null ? { undecided: { candidates: basis.candidates, reason: basis.detail } } : {}),
    messagesByClass: Object.fromEntries(
      TIE_ORDER.filter((c) => byClass.has(c)).map((c) => [c, byClass.get(c) ?? 0]),
    ),
    evidence: {
      spf: facts.spf,
      reverseDns: facts.reverseDns,
      serviceVia: service?.via ?? null,
      disagreements,
    },
  };
}
