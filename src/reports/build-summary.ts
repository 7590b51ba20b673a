import type { Resolver } from "../dns/types.js";
import { applyClassification } from "../sources/apply-to-summary.js";
import { classifySources } from "../sources/classify-sources.js";
import { foldSourceRecords } from "../sources/record-groups.js";
import { type SummaryFilter, type SummaryStore, sourceRecordGroups } from "../store/summary-queries.js";
import { type ReportSummary, summarize } from "./summary.js";

/**
 * The whole `reports summary` document: the store's totals, then every source explained (with the
 * run's resolver, or from the reports alone when there is none: `--no-dns`).
 */
export async function buildSummary(
  store: SummaryStore,
  filter: SummaryFilter,
  options: { resolver?: Resolver } = {},
): Promise<ReportSummary> {
  await store.foldSummarySums();
  // One pass over the records serves both: the summary's figures and the sources' groups.
  const groups = await sourceRecordGroups(store, filter);
  const summary = await summarize(store, filter, groups);
  const records = foldSourceRecords(groups);
  const classified = await classifySources(records, {
    ...(options.resolver ? { resolver: options.resolver } : {}),
    policies: new Map(summary.domains.map((d) => [d.domain, d.readiness.policy])),
  });
  return applyClassification(summary, classified);
}

/** True when a DNS failure left some source unclassified: the summary is inconclusive (exit 3). */
export function dnsLeftSourcesUndecided(summary: ReportSummary): boolean {
  return summary.domains.some((d) =>
    d.sources.some(
      (s) => s.class === null && s.undecided !== undefined && s.evidence !== undefined && isDnsFailure(s),
    ),
  );
}

function isDnsFailure(source: ReportSummary["domains"][number]["sources"][number]): boolean {
  const { spf, reverseDns } = source.evidence ?? { spf: null, reverseDns: null };
  return spf?.result === "temperror" || reverseDns?.kind === "failed";
}
