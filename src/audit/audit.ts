import type { DomainDeclaration } from "../config/types.js";
import type { ProbeCandidate } from "../dkim/probe.js";
import type { ReportedSelector } from "../dkim/reported.js";
import type { Resolver } from "../dns/types.js";
import { type DomainStatus, domainStatus, type ExitCode, exitCodeFor } from "../engine/exit-code.js";
import { runRules, someRuleFailed } from "../engine/run-rules.js";
import type { FailOn } from "../engine/severity.js";
import type { DomainSnapshot, Finding, Rule, SeverityOverrides } from "../engine/types.js";
import type { HttpsFetcher } from "../https/fetcher.js";
import { collectDomain } from "./collect-domain.js";
import { isInconclusive } from "./inconclusive.js";
import { DEFAULT_CONCURRENCY, mapWithConcurrency } from "./pool.js";

export interface AuditTarget {
  domain: string;
  selectors: readonly string[];
  /** The config's declaration for this domain (expectations, senders), handed to the rules. */
  declared?: DomainDeclaration;
}

export interface AuditOptions {
  resolver: Resolver;
  rules: readonly Rule<DomainDeclaration>[];
  failOn: FailOn;
  overrides?: SeverityOverrides;
  concurrency?: number;
  /** DKIM selectors to guess at for a domain audited without any (the built-in list, reported ones). */
  probeSelectors?: (domain: string) => readonly ProbeCandidate[];
  /** Overall time each domain's collection may take (default: collect-domain's). */
  domainBudgetMs?: number;
  /** `--reports-db`: per domain, the DKIM selectors its recent reports saw signing as it. */
  reportedSelectors?: ReadonlyMap<string, ReportedSelector[]>;
  /** The run's HTTPS access (MTA-STS policies, BIMI logos); without it nothing is fetched. */
  https?: HttpsFetcher;
  /** Called as each domain finishes (progress line). */
  onDomainDone?: (done: number, total: number) => void;
}

export interface DomainResult {
  domain: string;
  status: DomainStatus;
  snapshot: DomainSnapshot;
  findings: Finding[];
}

export interface AuditSummary {
  errors: number;
  warnings: number;
  notices: number;
  infos: number;
}

export interface AuditReport {
  domains: DomainResult[];
  summary: AuditSummary;
  exitCode: ExitCode;
}

export async function audit(targets: readonly AuditTarget[], options: AuditOptions): Promise<AuditReport> {
  let done = 0;
  const domains = await mapWithConcurrency(
    targets,
    options.concurrency ?? DEFAULT_CONCURRENCY,
    async (target) => {
      const snapshot = await collectDomain(options.resolver, target.domain, {
        selectors: target.selectors,
        senders: target.declared?.senders ?? [],
        ...(options.probeSelectors ? { probe: options.probeSelectors(target.domain) } : {}),
        ...(options.domainBudgetMs === undefined ? {} : { budgetMs: options.domainBudgetMs }),
        ...(options.reportedSelectors
          ? { reported: options.reportedSelectors.get(target.domain) ?? [] }
          : {}),
        ...(options.https ? { https: options.https } : {}),
      });
      const result = judge(snapshot, target.declared, options);
      options.onDomainDone?.(++done, targets.length);
      return result;
    },
  );
  return assembleReport(domains);
}

/** Judges an already collected snapshot (also used for saved snapshots and zone-only runs). */
export function judge(
  snapshot: DomainSnapshot,
  declared: DomainDeclaration | undefined,
  options: Pick<AuditOptions, "rules" | "failOn" | "overrides">,
): DomainResult {
  const findings = runRules(snapshot, { rules: options.rules, overrides: options.overrides, declared });
  const inconclusive = isInconclusive(snapshot) || someRuleFailed(findings);
  const status = domainStatus(findings, inconclusive, options.failOn);
  return { domain: snapshot.domain, status, snapshot, findings };
}

function assembleReport(domains: DomainResult[]): AuditReport {
  const summary: AuditSummary = { errors: 0, warnings: 0, notices: 0, infos: 0 };
  for (const finding of domains.flatMap((d) => d.findings)) {
    if (finding.severity === "error") summary.errors++;
    else if (finding.severity === "warning") summary.warnings++;
    else if (finding.severity === "notice") summary.notices++;
    else summary.infos++;
  }
  return { domains, summary, exitCode: exitCodeFor(domains.map((d) => d.status)) };
}
