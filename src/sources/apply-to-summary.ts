import type { ReportSummary } from "../reports/summary.js";
import { type ClassifiedSources, sourceKey } from "./classify-sources.js";
import { readiness } from "./readiness.js";
import { SOURCE_CLASSES, type SourceClass } from "./types.js";

/**
 * Puts the classification into the summary document, which stays plain data: each source gets its
 * class, service, explanation and evidence, each reporter how often it disagrees with the recomputed
 * alignment, each domain its readiness, and the document says whether DNS was used.
 */
export function applyClassification(summary: ReportSummary, classified: ClassifiedSources): ReportSummary {
  let undecidedSources = 0;
  const undecidedClasses = new Set<SourceClass>();
  for (const domain of summary.domains) {
    for (const source of domain.sources) {
      const explained = classified.sources.get(sourceKey(domain.domain, source.ip));
      if (!explained) continue;
      if (explained.class === null) {
        undecidedSources++;
        for (const c of explained.undecided?.candidates ?? []) undecidedClasses.add(c);
      }
      const rdns = explained.evidence.reverseDns;
      if (rdns) source.name = rdns.kind === "name" ? rdns.name : null;
      Object.assign(source, {
        class: explained.class,
        service: explained.service,
        explanation: explained.explanation,
        ...(explained.undecided ? { undecided: explained.undecided } : {}),
        messagesByClass: explained.messagesByClass,
        evidence: explained.evidence,
      });
    }
    for (const reporter of domain.reporters) {
      const agreement = classified.reporters.get(sourceKey(domain.domain, reporter.org));
      if (agreement) reporter.disagreements = agreement;
    }
    domain.readiness = readiness(domain.readiness, domain.messages, domain.sources);
  }
  summary.classification = {
    dns: classified.dns,
    undecidedSources,
    undecidedClasses: SOURCE_CLASSES.filter((c) => undecidedClasses.has(c)),
  };
  return summary;
}
