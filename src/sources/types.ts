import type { ReverseLookup } from "../reports/reverse-dns.js";
import type { SpfAttribution } from "./spf-attribution.js";

/**
 * The classes of a sending source (docs/reports.md, "Explaining each sending source"). These names
 * are a public contract (JSON `sources[].class`).
 */
export const SOURCE_CLASSES = ["aligned", "authorized-unaligned", "forwarded", "unauthorized"] as const;
export type SourceClass = (typeof SOURCE_CLASSES)[number];

/** Why a group of records got its class: the fact the explanation is built from. */
export type ClassBasis =
  | { class: "aligned"; dkimDomain?: string; spfDomain?: string; byReporter: boolean }
  | { class: "forwarded"; via: "reported"; reasons: string[] }
  | { class: "forwarded"; via: "own-signature-verified"; dkimDomain: string }
  | { class: "forwarded"; via: "own-signature-broken"; dkimDomain: string; relay: string }
  | { class: "authorized-unaligned"; via: "spf" | "service-dkim" }
  | { class: "unauthorized" }
  | {
      class: null;
      candidates: SourceClass[];
      reason: "dns-spf" | "dns-reverse" | "no-dns" | "not-an-ip";
      detail: string;
    };

/** How the service was recognised. */
export interface ServiceMatch {
  name: string;
  id: string;
  /** "spf-include": the include that authorizes the IP; then DKIM d=, the return-path, reverse DNS. */
  via: "spf-include" | "dkim" | "return-path" | "reverse-dns";
  /** The name that matched (the include target, d=, return-path domain or PTR name). */
  evidence: string;
  alignmentGuide: string | null;
}

/** One source explained: plain data, kept in the summary document (HTML and other reports build on it). */
export interface SourceExplanation {
  /** null when it could not be decided (`undecided` says between which classes and why). */
  class: SourceClass | null;
  service: string | null;
  explanation: string;
  undecided?: { candidates: SourceClass[]; reason: string };
  /** Messages per class of this source's records (its class is the one carrying the most). */
  messagesByClass: Partial<Record<SourceClass | "undecided", number>>;
  /** The facts behind it. */
  evidence: {
    spf: SpfAttribution | null;
    reverseDns: ReverseLookup | null;
    serviceVia: ServiceMatch["via"] | null;
    /** Messages whose recomputed DMARC verdict differs from the reporter's. */
    disagreements: number;
  };
}
