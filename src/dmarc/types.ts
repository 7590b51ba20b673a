/**
 * The DMARC facts gathered for one domain (the `dmarc` object of the JSON of docs/cli.md): plain data,
 * judged by the `dmarc/*` rules. The first five fields are the public contract.
 */
export type DmarcPolicy = "none" | "quarantine" | "reject";
export type AlignmentMode = "r" | "s";

/** One URI of `rua=` / `ruf=` (RFC 9989 §4.8 `dmarc-uri`). */
export interface DmarcUri {
  /** As published, `!size` suffix included. */
  raw: string;
  /** The URI without the obsolete `!size` suffix. */
  uri: string;
  /** The scheme, lower-case ("mailto"); null when the text is not a URI at all. */
  scheme: string | null;
  /** For `mailto:`: the host part of the address, lower-case; null otherwise or when unparsable. */
  host: string | null;
  /** The obsolete `!size` limit as written ("10m"), or null. */
  size: string | null;
  /** Whether it is a URI a receiver could use (see uri.ts). */
  valid: boolean;
}

/** The tags of a DMARC record, each beside its field; absent stays absent (no defaults filled in). */
export interface DmarcTags {
  v: string;
  /** `p`: requested policy for the domain. */
  p?: string;
  /** `sp`: policy for existing subdomains. */
  sp?: string;
  /** `np`: policy for non-existent subdomains (RFC 9989). */
  np?: string;
  adkim?: string;
  aspf?: string;
  /** `pct` as written (historic in RFC 9989). */
  pct?: string;
  rua?: DmarcUri[];
  ruf?: DmarcUri[];
  fo?: string;
  rf?: string;
  ri?: string;
  /** `t`: testing mode (RFC 9989). */
  t?: string;
  /** `psd`: public suffix domain flag (RFC 9989). */
  psd?: string;
  /** Tags no RFC defines, in order, as written. */
  unknown?: Record<string, string>;
}

export type DmarcProblemCode =
  | "bad-version"
  | "malformed-tag"
  | "duplicate-tag"
  | "invalid-character"
  | "unknown-tag"
  | "invalid-policy"
  | "invalid-value"
  | "missing-policy"
  | "policy-not-second"
  | "invalid-uri"
  | "unsupported-uri-scheme";

/** One thing wrong with a record; the parser collects all of them. */
export interface DmarcProblem {
  code: DmarcProblemCode;
  tag?: string;
  value?: string;
  reason: string;
}

/** A `rua`/`ruf` destination outside the policy domain's organization (RFC 7489 §7.1). */
export interface ReportAuthorization {
  tag: "rua" | "ruf";
  uri: string;
  /** The destination host whose `_report._dmarc` name was asked. */
  host: string;
  /** `<policy-domain>._report._dmarc.<host>`. */
  name: string;
  /** true: a `v=DMARC1` record is there; false: none; null: the lookup failed (inconclusive). */
  authorized: boolean | null;
}

/** A record in the wrong place: DMARC at the domain's apex, or SPF at `_dmarc`. */
export interface MisplacedRecord {
  kind: "dmarc-at-apex" | "spf-at-dmarc";
  name: string;
  record: string;
}

export interface DmarcAudit {
  /** The record that applies to the domain (RFC 9989 discovery), or null. */
  record: string | null;
  /** The domain whose `_dmarc` record applies. */
  source: string | null;
  /** `p` of the applying record (normalized), or null. */
  policy: DmarcPolicy | null;
  /** What applies to existing subdomains: `sp`, else `p`, of the organizational domain's record. */
  subdomainPolicy: DmarcPolicy | null;
  /** What a receiver applies to mail from the audited domain itself (see effective-policy.ts). */
  effectivePolicy: DmarcPolicy | null;
  /**
   * True when `policy` is not what the record states but RFC 9989 §4.10.1's `p=none` fallback for a
   * record without a valid policy (dmarc/syntax says why); rules judging the policy leave it alone.
   */
  policyFallback: boolean;

  /** false when a DNS failure kept discovery from finishing: absence must not be reported then. */
  complete: boolean;
  /** Whether the audited domain exists (null: unknown). Drives `np` (RFC 9989 §4.10.1). */
  domainExists: boolean | null;
  /** Both ways of finding the organizational domain; they may disagree. */
  organizationalDomain: { treeWalk: string | null; psl: string | null };
  /** Where each method finds the applying record. */
  sources: { treeWalk: string | null; psl: string | null };
  /** The RFC 9989 §4.10 tree walk: every name asked, and the records found on the way. */
  treeWalk: { queried: string[]; found: { domain: string; record: string }[] };
  /** Names where more than one DMARC record was published (all of them are discarded). */
  multipleRecords: { domain: string; records: string[] }[];
  /** TXT records at `_dmarc` names that look like DMARC but do not start with exactly `v=DMARC1`. */
  rejectedRecords: { domain: string; record: string }[];
  misplaced: MisplacedRecord[];
  /**
   * Parsed tags of the applying record; null without one, and for a record whose tag-list is invalid
   * (a repeated tag, RFC 6376 §3.2): none of its tags is valid, so no rule judges them.
   */
  tags: DmarcTags | null;
  /** Every problem of the applying record. */
  problems: DmarcProblem[];
  /** The alignment modes that apply (defaults filled in: relaxed). */
  alignment: { spf: AlignmentMode; dkim: AlignmentMode };
  /** External report destinations and whether they accept reports for this domain. */
  reportAuthorizations: ReportAuthorization[];
}
