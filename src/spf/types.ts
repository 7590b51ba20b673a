/**
 * SPF data as plain JSON: the parsed record (`parse.ts`) and the facts the static walker gathers
 * for one domain (the `spf` object of the JSON of docs/cli.md: `record`, `lookupCount`,
 * `voidLookupCount`, `tree` are public; the rest is welcome extra).
 */

export type Qualifier = "+" | "-" | "~" | "?";

export const MECHANISMS = ["all", "include", "a", "mx", "ptr", "ip4", "ip6", "exists"] as const;
export type MechanismName = (typeof MECHANISMS)[number];

/** RFC 7208 §4.6.4: the terms that cost a DNS lookup (plus the `redirect` modifier). */
export const LOOKUP_MECHANISMS: ReadonlySet<string> = new Set(["include", "a", "mx", "ptr", "exists"]);

export interface MechanismTerm {
  kind: "mechanism";
  /** The term as written. */
  text: string;
  mechanism: MechanismName;
  qualifier: Qualifier;
  /** The domain-spec, when given (`a:host`, `include:x`); absent means the current domain. */
  domainSpec?: string;
  /** ip4/ip6 network. */
  network?: string;
  /** CIDR prefix for IPv4 (ip4, a, mx) and IPv6 (ip6, a, mx). */
  cidr4?: number;
  cidr6?: number;
  /** The domain-spec holds macros (§7): its target is known only at evaluation time. */
  hasMacros: boolean;
}

export interface ModifierTerm {
  kind: "modifier";
  text: string;
  /** Lower-cased modifier name: `redirect`, `exp`, or an unknown modifier (§6: ignored). */
  name: string;
  value: string;
  hasMacros: boolean;
}

export type SpfTerm = MechanismTerm | ModifierTerm;

export interface SyntaxProblem {
  /** The offending term (or the whole record for version problems). */
  term: string;
  reason: string;
}

export interface ParsedSpf {
  terms: SpfTerm[];
  /** Every syntax problem found; any one of them makes check_host return permerror (§4.6). */
  problems: SyntaxProblem[];
}

/** How a node of the tree was reached. */
export type SpfNodeVia = "root" | "include" | "redirect";

/**
 * What was found at a node's name:
 * - `ok`: exactly one SPF record, evaluated;
 * - `missing`: no SPF record (NXDOMAIN, NODATA, or TXT without `v=spf1`): §5.2/§6.1 permerror below the root;
 * - `multiple`: more than one SPF record (§4.5 permerror);
 * - `temperror`: DNS gave no verdict; nothing is concluded about this node (inconclusive);
 * - `loop`: the name is already on the path from the root (include/redirect loop), not followed again;
 * - `macro`: the target is built from macros (§7) and cannot be known statically: never guessed;
 * - `impossible-name`: the target can never be a DNS name (an empty label, a label over 63 octets):
 *   never queried; check_host gives permerror for such an include or redirect (§4.3, §5.2, §6.1);
 * - `truncated`: not expanded because the tree passed the walker's size cap.
 */
export type SpfNodeStatus =
  | "ok"
  | "missing"
  | "multiple"
  | "temperror"
  | "loop"
  | "macro"
  | "impossible-name"
  | "truncated";

/** A DNS-querying term of a record and what its own lookup found. */
export interface SpfLookupTerm {
  term: string;
  /** Whether its lookup was void (RFC 7208 §4.6.4: NXDOMAIN or NOERROR with no answer). */
  void: boolean;
  /** For `mx`: how many MX hosts the name lists (each would need an address lookup). */
  mxHosts?: number;
  /** The target is built from macros (§7): not queried, so whether it is void is unknown. */
  macro?: true;
  /** Why the target can never be a DNS name: not queried; check_host never matches it (or permerror). */
  impossible?: string;
}

export interface SpfNode {
  /** The name whose record this is (a domain-spec for `macro` nodes). */
  domain: string;
  via: SpfNodeVia;
  /** The parent's term that led here (`include:_spf.example.com`, `redirect=…`); absent at the root. */
  term?: string;
  status: SpfNodeStatus;
  /** The SPF record evaluated here (its TXT strings joined with no separator, §3.3). */
  record: string | null;
  /** Every TXT record at the name that starts with `v=spf1` (more than one: `multiple`). */
  records: string[];
  /** Octets of the record. */
  recordBytes: number;
  /**
   * Octets of the whole TXT answer at the name as RFC 7208 §3.4 counts them: the name plus the text of
   * every TXT record there, SPF or not. 0 when the name has no TXT records (or was not read).
   */
  answerBytes: number;
  syntaxProblems: SyntaxProblem[];
  /** The record's `all` qualifier, or null without `all`. */
  allQualifier: Qualifier | null;
  /** The record has `redirect=`; `redirectIgnored` when `all` is also present (§5.1/§6.1). */
  hasRedirect: boolean;
  redirectIgnored: boolean;
  /** DNS-querying terms of this record (§4.6.4), in order, mechanisms after `all` excluded (§5.1). */
  lookupTerms: SpfLookupTerm[];
  /** `ptr` terms (§5.5: SHOULD NOT be used). */
  ptrTerms: string[];
  /** include/redirect terms whose target uses macros: their subtrees cannot be counted. */
  uncountableTerms: string[];
  /** DNS-querying terms in this record (include/redirect terms included); not the record's own TXT query. */
  ownLookups: number;
  ownVoidLookups: number;
  /** `ownLookups` plus every child's `subtreeLookups`: what this branch costs. */
  subtreeLookups: number;
  subtreeVoidLookups: number;
  children: SpfNode[];
}

export interface SpfAudit {
  /** The SPF record published at the domain, or null when there is none (or several). */
  record: string | null;
  /** Every TXT record at the domain that starts with `v=spf1`. */
  records: string[];
  /** DNS-querying terms the whole tree needs (RFC 7208 §4.6.4), the full total even past 10. */
  lookupCount: number;
  voidLookupCount: number;
  /** True when `lookupCount` is a lower bound: some include/redirect targets use macros or were not expanded. */
  lookupCountIsLowerBound: boolean;
  /** True when a DNS failure kept part of the tree from being read: nothing below it is concluded. */
  inconclusive: boolean;
  /** Per-include attribution; null when there is no record (or it could not be read). */
  tree: SpfNode | null;
}
