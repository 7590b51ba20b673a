import type { BarSeries, DayStack } from "../html/charts/stacked-bars-chart.js";
import type { SourceClass } from "../sources/types.js";
import { failingBySourceAndReport, type SummaryFilter, type SummaryStore } from "../store/summary-queries.js";
import {
  CLASS_KEYS,
  type ClassifiedSource,
  classLabel,
  isClassified,
  type KindKey,
  RESULT_KEYS,
  sourceClass,
} from "./source-class.js";
import type { DomainSummary } from "./summary.js";

/** Messages failing DMARC per day (YYYY-MM-DD) of each source that sent any, for one domain. */
export type DailyVolumes = ReadonlyMap<string, ReadonlyMap<string, number>>;

/** Per domain, each source's failing messages per day (failingBySourceAndReport, added up per day). */
export async function dailyVolumes(
  db: SummaryStore,
  filter: SummaryFilter,
): Promise<Map<string, DailyVolumes>> {
  await db.foldSummarySums();
  const result = new Map<string, Map<string, Map<string, number>>>();
  // A row per failing source and report (90,000 on the bench store) against a few hundred distinct days.
  const dates = new Map<number, string>();
  for (const row of await failingBySourceAndReport(db, filter)) {
    const domain = String(row.domain);
    const ip = String(row.ip);
    const day = Number(row.day);
    let date = dates.get(day);
    if (date === undefined) {
      date = new Date(day * 86_400_000).toISOString().slice(0, 10);
      dates.set(day, date);
    }
    const bySource = result.get(domain) ?? new Map<string, Map<string, number>>();
    result.set(domain, bySource);
    const byDay = bySource.get(ip) ?? new Map<string, number>();
    bySource.set(ip, byDay);
    byDay.set(date, (byDay.get(date) ?? 0) + Number(row.messages));
  }
  return result;
}

/**
 * The stacked bars of a domain. Each day's passing mail is `aligned` (passing DMARC is what aligned
 * means), and its failing mail is stacked by the class of the source that sent it, so a sender
 * fixed mid-period moves from its class to aligned on the day of the fix. A source whose own class
 * is `aligned` (most of its mail passes) puts its failing rest under its largest other class.
 * Without classification (or without the day volumes) the bars show passing and failing mail.
 * Either way each day's stack adds up to that day's messages in `days`.
 */
export function volumesByClass(
  d: DomainSummary,
  volumes: DailyVolumes | undefined,
): { series: BarSeries[]; days: DayStack[] } {
  const sources = d.sources as readonly ClassifiedSource[];
  if (!volumes || !isClassified(sources)) {
    return {
      series: RESULT_KEYS.map((key) => ({ key, label: classLabel(key) })),
      days: d.days.map((day) => ({ date: day.date, values: [day.pass, day.messages - day.pass] })),
    };
  }
  const failingClass = new Map(sources.map((s) => [s.ip, classOfFailingMail(s)]));
  const index = new Map(CLASS_KEYS.map((key, i) => [key as string, i]));
  const byDate = new Map(d.days.map((day) => [day.date, CLASS_KEYS.map(() => 0)]));
  for (const [ip, byDay] of volumes) {
    const at = index.get(failingClass.get(ip) ?? "undecided") ?? CLASS_KEYS.length - 1;
    for (const [date, messages] of byDay) {
      const values = byDate.get(date);
      if (values) values[at] = (values[at] ?? 0) + messages;
    }
  }
  const days = d.days.map((day) => {
    const values = byDate.get(day.date) ?? CLASS_KEYS.map(() => 0);
    // The failing counts come from the same records as day.messages - day.pass; the rest passed.
    values[0] = day.messages - values.reduce((a, b) => a + b, 0);
    return { date: day.date, values };
  });
  const present = CLASS_KEYS.map((_, i) => days.some((day) => (day.values[i] ?? 0) > 0));
  return {
    series: CLASS_KEYS.filter((_, i) => present[i]).map((key) => ({ key, label: classLabel(key) })),
    days: days.map((day) => ({ date: day.date, values: day.values.filter((_, i) => present[i]) })),
  };
}

/** Where a source's failing mail goes: its class, or for an `aligned` source its largest other one. */
function classOfFailingMail(source: ClassifiedSource): KindKey {
  const own = sourceClass(source);
  if (own !== "aligned") return own;
  const others = Object.entries(source.messagesByClass ?? {})
    .filter(([key, n]) => key !== "aligned" && (n ?? 0) > 0)
    .sort(([a, x], [b, y]) => (y ?? 0) - (x ?? 0) || (a < b ? -1 : 1));
  const [largest] = others[0] ?? ["undecided"];
  return (CLASS_KEYS as readonly string[]).includes(largest) ? (largest as SourceClass) : "undecided";
}
