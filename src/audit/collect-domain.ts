import { collectAlignment } from "../alignment/collect.js";
import type { DeclaredSender } from "../alignment/types.js";
import { collectBimi } from "../bimi/collect.js";
import { collectDkim } from "../dkim/collect.js";
import { type ProbeCandidate, probeSelectors } from "../dkim/probe.js";
import { collectReportedKeys, type ReportedSelector } from "../dkim/reported.js";
import { collectDmarc } from "../dmarc/collect.js";
import { DeadlineResolver, domainBudgetMs } from "../dns/deadline-resolver.js";
import { DEFAULT_QUERY_TIMEOUT_MS } from "../dns/system-resolver.js";
import type { Resolver } from "../dns/types.js";
import type { DomainSnapshot } from "../engine/types.js";
import { HttpsFetcher } from "../https/fetcher.js";
import type { Fetch } from "../https/types.js";
import { collectMtaSts } from "../mta-sts/collect.js";
import { collectMx } from "../mx/collect.js";
import { collectSpf } from "../spf/collect.js";
import { sharedSubtreesFor } from "../spf/shared-subtrees.js";
import { collectTlsRpt } from "../tls-rpt/collect.js";
import { FailureRecorder } from "./failure-recorder.js";

export interface CollectOptions {
  /** DKIM selectors to look up; none means the `probe` candidates are tried (or DKIM is not audited). */
  selectors: readonly string[];
  /** Selectors to guess at when `selectors` is empty: the keys found are audited like named ones. */
  probe?: readonly ProbeCandidate[];
  /** Declared senders whose alignment and sending IPs are checked. */
  senders?: readonly DeclaredSender[];
  /** Overall time for this domain's questions; past it they fail as temporary (inconclusive). */
  budgetMs?: number;
  /** Selectors the report store saw signing as this domain lately (`--reports-db`). */
  reported?: readonly ReportedSelector[];
  /** The run's HTTPS access (MTA-STS policy, BIMI logo); without it nothing is fetched. */
  https?: HttpsFetcher;
}

/** For callers that give no HTTPS access (library use, tests of DNS alone): nothing is fetched. */
const NO_HTTPS = new HttpsFetcher({ mode: "skip", reason: "disabled" });

/** All DNS I/O for one domain happens here and below; what comes out is plain data (a snapshot). */
export async function collectDomain(
  resolver: Resolver,
  domain: string,
  options: CollectOptions,
): Promise<DomainSnapshot> {
  const budgetMs = options.budgetMs ?? domainBudgetMs(DEFAULT_QUERY_TIMEOUT_MS);
  const recorder = new FailureRecorder(new DeadlineResolver(resolver, budgetMs));
  const senders = options.senders ?? [];
  const https = options.https ?? NO_HTTPS;
  // Fetches resolve their host through this domain's recorder: a DNS failure there is the domain's.
  const fetch: Fetch = (url, limits) => https.get(url, recorder, limits);
  const dmarcCollected = collectDmarc(recorder, domain);
  const probing = options.selectors.length === 0 && (options.probe?.length ?? 0) > 0;
  // A guess that fails is not a DNS failure of the audit: probes skip the recorder (see probe.ts).
  const probe = probing
    ? probeSelectors(new DeadlineResolver(resolver, budgetMs), domain, options.probe ?? [])
    : undefined;
  const [spf, dmarc, dkim, alignment, reportedSelectors, probed, mx, mtaSts, tlsRpt, bimi] =
    await Promise.all([
      // Include trees many domains share are walked once per run (the run's resolver identifies it).
      collectSpf(recorder, domain, { shared: sharedSubtreesFor(resolver) }),
      dmarcCollected,
      probe
        ? probe.then((p) => collectDkim(recorder, domain, p.found))
        : collectDkim(recorder, domain, options.selectors),
      // Alignment modes come from the DMARC record (aspf/adkim), so it waits for DMARC.
      dmarcCollected.then((d) => collectAlignment(recorder, domain, senders, { modes: d.alignment })),
      options.reported
        ? collectReportedKeys(recorder, domain, options.reported, options.selectors)
        : undefined,
      probe,
      collectMx(recorder, domain),
      collectMtaSts(recorder, domain, fetch),
      collectTlsRpt(recorder, domain),
      // BIMI falls back to the organizational domain, which DMARC discovery finds.
      dmarcCollected.then((d) => collectBimi(recorder, domain, d, fetch)),
    ]);
  return {
    domain,
    spf,
    dmarc,
    ...(options.selectors.length > 0 || probing ? { dkim } : {}),
    ...(probed ? { dkimProbe: probed } : {}),
    ...(senders.length > 0 ? { alignment } : {}),
    ...(reportedSelectors ? { reportedSelectors } : {}),
    mx,
    mtaSts,
    tlsRpt,
    bimi,
    lookupFailures: recorder.failures,
    ...(recorder.assumedAbsent.length > 0 ? { assumedAbsent: recorder.assumedAbsent } : {}),
    ...(recorder.notChecked.length > 0 ? { notChecked: recorder.notChecked } : {}),
    // Sorted: concurrent questions finish in any order, and the JSON must not change with it.
    answers: recorder.answers.sort((a, b) => compareText(a.name, b.name) || compareText(a.type, b.type)),
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
