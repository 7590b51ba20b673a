import { grouped } from "../html/charts/frame.js";
import { passPercent } from "../html/charts/pass-rate-chart.js";
import { type Html, html } from "../html/markup.js";
import { READY_SOURCE_PERCENT } from "../sources/readiness.js";
import { type ClassifiedSource, isClassified, sourceClass } from "./source-class.js";
import type { DomainSummary } from "./summary.js";

/**
 * "Is it fine?" for one domain, in a word and in a few sentences, from the summary alone.
 *
 * - bad: mail of the domain's own senders fails DMARC (an authorized but unaligned sender, or one that
 *   could not be classified and might be yours, carrying at least READY_SOURCE_PERCENT % of the mail):
 *   it is lost or junked once the policy is enforced, and the fix is in the owner's hands;
 * - warn: only spoofing fails, and the policy (p=none) lets it through; or no mail was reported;
 * - ok: everything else — spoofing refused or quarantined by the policy in force is the policy working.
 * Without classification, the share of failing mail decides (1 % and 10 %).
 */
export type Tone = "ok" | "warn" | "bad";

export interface Verdict {
  tone: Tone;
  badge: string;
  sentences: Html[];
}

export function domainVerdict(d: DomainSummary): Verdict {
  const sources = d.sources as readonly ClassifiedSource[];
  if (d.messages === 0) return { tone: "warn", badge: "no messages reported", sentences: [readiness(d)] };
  const passed = html`${grouped(d.pass)} of ${grouped(d.messages)} messages (${passPercent(d.pass, d.messages)}%) passed DMARC.`;
  if (!isClassified(sources)) {
    const tone: Tone = d.failPercent <= 1 ? "ok" : d.failPercent <= 10 ? "warn" : "bad";
    return {
      tone,
      badge: tone === "ok" ? "fine" : `${d.failPercent}% fails DMARC`,
      sentences: [passed, readiness(d)],
    };
  }
  const significant = (s: ClassifiedSource) => (s.messages / d.messages) * 100 >= READY_SOURCE_PERCENT;
  const ofKind = (kind: string) => sources.filter((s) => sourceClass(s) === kind);
  const own = sources.filter(
    (s) => significant(s) && ["authorized-unaligned", "undecided"].includes(sourceClass(s)),
  );
  const spoofing = ofKind("unauthorized");
  const enforced = d.readiness.policy === "reject" || d.readiness.policy === "quarantine";
  const sentences = [passed];
  if (own.length > 0)
    sentences.push(
      html`Your own senders fail DMARC: ${list(own)} (${grouped(sum(own))} messages). Fix them first: see “what it means” below.`,
    );
  if (spoofing.length > 0)
    sentences.push(
      html`${grouped(sum(spoofing))} messages came from ${spoofing.length} unauthorized ${spoofing.length === 1 ? "source" : "sources"} (likely spoofing); ${enforced ? `p=${d.readiness.policy} has receivers refuse them.` : "p=none lets receivers deliver them."}`,
    );
  const forwarded = ofKind("forwarded");
  if (forwarded.length > 0)
    sentences.push(
      html`${grouped(sum(forwarded))} messages were forwarded (mailing lists, forwarders): nothing to fix.`,
    );
  sentences.push(readiness(d));
  if (own.length > 0) return { tone: "bad", badge: "your own mail fails DMARC", sentences };
  if (spoofing.length > 0 && !enforced) return { tone: "warn", badge: "spoofing gets through", sentences };
  return { tone: "ok", badge: "fine", sentences };
}

function readiness(d: DomainSummary): Html {
  const r = d.readiness;
  if (r.next === null)
    return html`p=reject is in force: receivers are asked to reject mail that fails DMARC.`;
  const then = r.next === "quarantine" ? " (then p=reject)" : "";
  if (r.ready)
    return html`Ready for p=${r.next}${then}: every source with at least ${READY_SOURCE_PERCENT}% of the mail is aligned or forwarded.`;
  const blockers = r.blockers
    .slice(0, 3)
    .map((b) => `${b.ip}${b.service ? ` (${b.service})` : ""} ${b.percent}%`);
  return blockers.length > 0
    ? html`Not ready for p=${r.next}${then}: ${blockers.join(", ")}${r.blockers.length > 3 ? ` and ${r.blockers.length - 3} more` : ""} of the mail is not aligned.`
    : html`Not ready for p=${r.next}${then}: ${r.wouldFailPercent}% of the mail fails DMARC.`;
}

function list(sources: readonly ClassifiedSource[]): Html {
  const named = sources
    .slice(0, 3)
    .map((s) => html`${s.service ?? ""}${s.service ? " " : ""}<span class="mono">${s.ip}</span>`);
  return html`${named.map((n, i) => html`${i > 0 ? ", " : ""}${n}`)}${sources.length > 3 ? ` and ${sources.length - 3} more` : ""}`;
}

function sum(sources: readonly ClassifiedSource[]): number {
  return sources.reduce((t, s) => t + s.messages, 0);
}
