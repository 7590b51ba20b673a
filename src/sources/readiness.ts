import { percent, type Readiness, type SourceSummary } from "../reports/summary.js";

/**
 * Ready for the next policy step (and for p=reject) only when every source carrying at least this
 * share of the domain's mail is aligned or forwarded: an unaligned sender of yours would start
 * losing mail, and an unclassified one might be yours.
 */
export const READY_SOURCE_PERCENT = 0.1;

export function readiness(base: Readiness, messages: number, sources: readonly SourceSummary[]): Readiness {
  const blockers = sources
    .filter((s) => messages > 0 && (s.messages / messages) * 100 >= READY_SOURCE_PERCENT)
    .filter((s) => s.class !== "aligned" && s.class !== "forwarded")
    .sort((a, b) => b.messages - a.messages || (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0))
    .map((s) => ({
      ip: s.ip,
      class: s.class ?? null,
      service: s.service ?? null,
      messages: s.messages,
      percent: percent(s.messages, messages),
    }));
  return { ...base, ready: messages > 0 && blockers.length === 0, blockers };
}
