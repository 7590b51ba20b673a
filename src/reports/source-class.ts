import type { SourceSummary } from "./summary.js";

/**
 * The kind of sender a source is, as the page shows it. With classification (`sources[].class`, from
 * the source explanation step) the classes of docs/reports.md, and "undecided" where it could not
 * tell; without it, only what the reports say: whether the source's mail passed DMARC.
 */
export const CLASS_KEYS = [
  "aligned",
  "forwarded",
  "authorized-unaligned",
  "unauthorized",
  "undecided",
] as const;
export const RESULT_KEYS = ["pass", "fail"] as const;
export type KindKey = (typeof CLASS_KEYS)[number] | (typeof RESULT_KEYS)[number];

/** A source of the summary; `class`, `service` and `explanation` are there once classification ran. */
export type ClassifiedSource = SourceSummary;

const LABELS: Record<KindKey, string> = {
  aligned: "aligned",
  forwarded: "forwarded",
  "authorized-unaligned": "authorized but unaligned",
  unauthorized: "unauthorized",
  undecided: "undecided",
  pass: "passes DMARC",
  fail: "fails DMARC",
};

export function classLabel(key: string): string {
  return LABELS[key as KindKey] ?? key;
}

/** Whether classification ran for these sources (any of them carries a `class` field, even null). */
export function isClassified(sources: readonly ClassifiedSource[]): boolean {
  return sources.some((s) => "class" in s);
}

export function sourceClass(source: ClassifiedSource): KindKey {
  if ("class" in source) {
    const known = CLASS_KEYS.find((k) => k === source.class);
    return known ?? "undecided";
  }
  return source.fail > 0 ? "fail" : "pass";
}
