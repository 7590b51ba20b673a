import type { ReporterAgreement } from "../sources/classify-sources.js";
import type { SourceClass, SourceExplanation } from "../sources/types.js";
import type { ReportStore, Row } from "../store/store.js";
import * as q from "../store/summary-queries.js";
import { tallyDomains } from "./summary-tallies.js";

/** The `reports summary` document: the shape in docs/cli.md (schemaVersion 1) plus extra fields. */
export interface SourceSummary {
  ip: string;
  messages: number;
  pass: number;
  fail: number;
  /** Reverse DNS (PTR) name; null when none or when --no-dns. */
  name?: string | null;
  firstSeen: string;
  isNew: boolean;
  /** Set by the classification (src/sources/): docs/reports.md "Explaining each sending source". */
  class?: SourceExplanation["class"];
  service?: string | null;
  explanation?: string;
  undecided?: SourceExplanation["undecided"];
  messagesByClass?: SourceExplanation["messagesByClass"];
  evidence?: SourceExplanation["evidence"];
}

export interface ReporterSummary {
  org: string;
  reports: number;
  messages: number;
  pass: number;
  fail: number;
  /** Where this reporter's verdicts differ from DMARC recomputed from its own auth results. */
  disagreements?: ReporterAgreement;
}

export interface DomainSummary {
  domain: string;
  reports: number;
  messages: number;
  pass: number;
  fail: number;
  failPercent: number;
  period: { begin: string; end: string };
  aligned: { dkimPass: number; spfPass: number };
  raw: { dkimPass: number; spfPass: number };
  dispositions: Record<string, number>;
  sources: SourceSummary[];
  newSources: string[];
  reporters: ReporterSummary[];
  dkimSelectors: { domain: string; selector: string; messages: number; pass: number }[];
  readiness: Readiness;
  /** Every UTC day from the first with mail to the last, oldest first, with the messages counted on it. */
  days: DaySummary[];
}

export interface DaySummary {
  /** YYYY-MM-DD (UTC). */
  date: string;
  messages: number;
  pass: number;
}

/**
 * Moving p=none → quarantine → reject: ready when every source carrying at least
 * READY_SOURCE_PERCENT % of the mail is aligned or forwarded (src/sources/readiness.ts); the
 * others are the blockers, largest first. `wouldFailPercent` is the share failing DMARC today.
 */
export interface Readiness {
  policy: string | null;
  next: string | null;
  wouldFailPercent: number;
  ready: boolean;
  blockers: ReadinessBlocker[];
}

export interface ReadinessBlocker {
  ip: string;
  /** null: the source could not be classified (which also blocks). */
  class: SourceClass | null;
  service: string | null;
  messages: number;
  percent: number;
}

export interface ReportSummary {
  schemaVersion: 1;
  since: string | null;
  /** How sources were classified: with live DNS, or (`--no-dns`) from the reports alone. */
  classification?: {
    dns: boolean;
    /** Sources left undecided, and between which classes. */
    undecidedSources: number;
    undecidedClasses: SourceClass[];
  };
  domains: DomainSummary[];
}
const NEXT_POLICY: Record<string, string | null> = { none: "quarantine", quarantine: "reject", reject: null };

/**
 * The summary's figures. `groups` are the rows of `sourceRecordGroups` when the caller has them
 * already (build-summary.ts classifies the sources from the same rows); otherwise they are read here.
 */
export async function summarize(
  db: q.SummaryStore,
  filter: q.SummaryFilter,
  groups?: readonly Row[],
): Promise<ReportSummary> {
  await db.foldSummarySums();
  const policies = new Map(
    (await q.latestPolicies(db, filter)).map((row) => [
      String(row.domain),
      row.policy === null ? null : String(row.policy),
    ]),
  );
  const tallies = tallyDomains(
    await q.reportTotals(db, filter),
    groups ?? (await q.sourceRecordGroups(db, filter)),
    filter.since === undefined ? undefined : await firstSightings(db, filter.domain),
  );
  const domains = [...tallies].map(([domain, tally]): DomainSummary => {
    const { messages, pass } = tally;
    const failPercent = percent(messages - pass, messages);
    const policy = policies.get(domain) ?? null;
    const sources = tally.sources.map(
      (s): SourceSummary => ({
        ip: s.ip,
        messages: s.messages,
        pass: s.pass,
        fail: s.messages - s.pass,
        firstSeen: isoDate(s.firstSeen),
        isNew: filter.since !== undefined && s.firstSeen >= filter.since,
      }),
    );
    return {
      domain,
      reports: tally.reports,
      messages,
      pass,
      fail: messages - pass,
      failPercent,
      period: { begin: isoDate(tally.begin), end: isoDate(tally.end) },
      aligned: { dkimPass: tally.dkimAlignedPass, spfPass: tally.spfAlignedPass },
      raw: { dkimPass: tally.dkimRawPass, spfPass: tally.spfRawPass },
      dispositions: Object.fromEntries(
        tally.dispositions.map(([disposition, n]) => [disposition || "unspecified", n]),
      ),
      sources,
      newSources: sources.filter((s) => s.isNew).map((s) => s.ip),
      reporters: tally.reporters.map((r) => ({ ...r, fail: r.messages - r.pass })),
      dkimSelectors: tally.dkimSelectors,
      readiness: {
        policy,
        next: policy === null ? "none" : (NEXT_POLICY[policy] ?? null),
        wouldFailPercent: failPercent,
        // Decided by the classification of the sources (src/sources/readiness.ts).
        ready: false,
        blockers: [],
      },
      days: everyDay(tally.begin, tally.end, tally.days),
    };
  });
  return { schemaVersion: 1, since: filter.since === undefined ? null : isoDate(filter.since), domains };
}

/** `${domain} ${ip}` → when that source was first seen for that domain in the whole store. */
async function firstSightings(db: Pick<ReportStore, "select">, domain: string | undefined) {
  const seen = new Map<string, number>();
  for (const row of await q.sourcesFirstSeen(db, domain))
    seen.set(`${row.domain} ${row.ip}`, Number(row.first_seen));
  return seen;
}

const DAY = 86_400;

/**
 * The longest day series kept. A report's date_range is whatever its sender wrote (up to 12 digits of
 * seconds), so one hostile report could otherwise ask for millions of days; past this the series is
 * the latest days up to the last day that has mail (the totals still count everything).
 */
export const MAX_SERIES_DAYS = 1000;

/**
 * One entry per UTC day from the first day that has mail to the last (a report counts on the day of
 * its midpoint: dailyTotals), days between without reports included at zero, so a chart has a slot
 * for every day. Without any mail, the days of the period (a report ending at midnight ends the day
 * before).
 */
function everyDay(
  begin: number,
  end: number,
  counted: readonly { day: number; messages: number; pass: number }[],
): DaySummary[] {
  const byDay = new Map(counted.map((d) => [d.day, d]));
  // Loops, not Math.min(...keys): a store may hold more distinct days than a call takes arguments.
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const day of byDay.keys()) {
    first = Math.min(first, day);
    last = Math.max(last, day);
  }
  if (byDay.size === 0) {
    first = Math.floor(begin / DAY);
    last = Math.floor(Math.max(begin, end - 1) / DAY);
  }
  const days: DaySummary[] = [];
  for (let day = Math.max(first, last - MAX_SERIES_DAYS + 1); day <= last; day++) {
    const found = byDay.get(day);
    days.push({
      date: new Date(day * DAY * 1000).toISOString().slice(0, 10),
      messages: found?.messages ?? 0,
      pass: found?.pass ?? 0,
    });
  }
  return days;
}

export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 100;
}

function isoDate(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
}

/** Exit-1 conditions for cron alerting. */
export function alertReasons(
  summary: ReportSummary,
  options: { failAbove?: number; failOnNewSources: boolean },
): string[] {
  const reasons: string[] = [];
  for (const d of summary.domains) {
    if (options.failAbove !== undefined && d.failPercent > options.failAbove) {
      reasons.push(`${d.domain}: ${d.failPercent}% of messages fail DMARC (above ${options.failAbove}%)`);
    }
    if (options.failOnNewSources && d.newSources.length > 0)
      reasons.push(`${d.domain}: ${d.newSources.length} new source(s) since ${summary.since}`);
  }
  return reasons;
}
