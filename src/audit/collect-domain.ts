import { collectAlignment } from "../alignment/collect.js";
import type { DeclaredSender } from "../config/types.js";
import { collectDkim } from "../dkim/collect.js";
import { collectReportedKeys, type ReportedSelector } from "../dkim/reported.js";
import { collectDmarc } from "../dmarc/collect.js";
import { DeadlineResolver, domainBudgetMs } from "../dns/deadline-resolver.js";
import { DEFAULT_QUERY_TIMEOUT_MS } from "../dns/system-resolver.js";
import type { Resolver } from "../dns/types.js";
import type { DomainSnapshot } from "../engine/types.js";
import { collectSpf } from "../spf/collect.js";
import { sharedSubtreesFor } from "../spf/shared-subtrees.js";
import { FailureRecorder } from "./failure-recorder.js";

export interface CollectOptions {
  /** DKIM selectors to look up; none means DKIM is not audited. */
  selectors: readonly string[];
  /** Declared senders whose alignment and sending IPs are checked. */
  senders?: readonly DeclaredSender[];
  /** Overall time for this domain's questions; past it they fail as temporary (inconclusive). */
  budgetMs?: number;
  /** Selectors the report store saw signing as this domain lately (`--reports-db`). */
  reported?: readonly ReportedSelector[];
}

/** All DNS I/O for one domain happens here and below; what comes out is plain data (a snapshot). */
export async function collectDomain(
  resolver: Resolver,
  domain: string,
  options: CollectOptions,
): Promise<DomainSnapshot> {
  const budgetMs = options.budgetMs ?? domainBudgetMs(DEFAULT_QUERY_TIMEOUT_MS);
  const recorder = new FailureRecorder(new DeadlineResolver(resolver, budgetMs));
  const senders = options.senders ?? [];
  const dmarcCollected = collectDmarc(recorder, domain);
  const [spf, dmarc, dkim, alignment, reportedSelectors] = await Promise.all([
    // Include trees many domains share are walked once per run (the run's resolver identifies it).
    collectSpf(recorder, domain, { shared: sharedSubtreesFor(resolver) }),
    dmarcCollected,
    collectDkim(recorder, domain, options.selectors),
    // Alignment modes come from the DMARC record (aspf/adkim), so it waits for DMARC.
    dmarcCollected.then((d) => collectAlignment(recorder, domain, senders, { modes: d.alignment })),
    options.reported ? collectReportedKeys(recorder, domain, options.reported, options.selectors) : undefined,
  ]);
  return {
    domain,
    spf,
    dmarc,
    ...(options.selectors.length > 0 ? { dkim } : {}),
    ...(senders.length > 0 ? { alignment } : {}),
    ...(reportedSelectors ? { reportedSelectors } : {}),
    lookupFailures: recorder.failures,
    ...(recorder.assumedAbsent.length > 0 ? { assumedAbsent: recorder.assumedAbsent } : {}),
    // Sorted: concurrent questions finish in any order, and the JSON must not change with it.
    answers: recorder.answers.sort((a, b) => compareText(a.name, b.name) || compareText(a.type, b.type)),
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
