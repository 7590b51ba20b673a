/**
 * What a user declares about their domains in `mailaudit.yaml` (docs/cli.md "Config file"), after
 * validation. The loader (src/config/load.ts) produces these; rules receive a domain's
 * `DomainDeclaration` as `declared`.
 */
import type { DeclaredSender } from "../alignment/types.js";
import type { FailOn, SeveritySetting } from "../engine/severity.js";
import type { MtaStsMode } from "../mta-sts/types.js";

export type { DeclaredSender };

export type DmarcPolicy = "none" | "quarantine" | "reject";
export type SpfAllQualifier = "fail" | "softfail" | "neutral" | "pass";

export interface DmarcExpectation {
  /** The p= that must apply to mail from this domain (for a subdomain entry: its effective policy). */
  policy?: DmarcPolicy;
  /** The sp= that must apply to its subdomains. */
  subdomainPolicy?: DmarcPolicy;
  /** rua URIs that must be present. */
  rua?: string[];
}

export interface SpfExpectation {
  /** include: targets that must be present somewhere in the tree. */
  includes?: string[];
  /** The qualifier the record's final `all` must have. */
  all?: SpfAllQualifier;
  /** Lookup budget below RFC 7208's 10 (headroom). */
  maxLookups?: number;
}

export interface DkimExpectation {
  minKeyBits?: number;
}

export interface MxExpectation {
  /** Hosts that must be among the domain's MX records. */
  hosts?: string[];
  /**
   * false: the domain only sends (no MX is then a notice, not a warning, and MX hosts are drift);
   * true: it must accept mail (a null MX, or no MX at all, is drift).
   */
  receivesMail?: boolean;
}

export interface MtaStsExpectation {
  /** The least mode the MTA-STS policy must have: none < testing < enforce. */
  mode?: MtaStsMode;
}

export interface TlsRptExpectation {
  /** rua URIs the TLS-RPT record must list. */
  rua?: string[];
}

export interface BimiExpectation {
  /** The https: URL the BIMI record's l= must name. */
  logo?: string;
  /** true: the BIMI record must carry a= (the mark certificate's location). */
  authority?: boolean;
}

export interface Expectations {
  dmarc?: DmarcExpectation;
  spf?: SpfExpectation;
  dkim?: DkimExpectation;
  mx?: MxExpectation;
  mtaSts?: MtaStsExpectation;
  tlsRpt?: TlsRptExpectation;
  bimi?: BimiExpectation;
}

type SectionKeys<T> = { [S in keyof T & string]-?: `${S}.${keyof NonNullable<T[S]> & string}` }[keyof T &
  string];

/**
 * A key of a domain entry that a `drift/*` rule checks, as its path inside the entry
 * ("expect.spf.all"): the rule names it in `meta.configKey`, and SARIF points its findings at it.
 */
export type DeclaredKey = `expect.${SectionKeys<Expectations>}` | "dkim.selectors";

export interface DomainDeclaration {
  domain: string;
  subdomains: string[];
  selectors: string[];
  expect?: Expectations;
  senders: DeclaredSender[];
  /** For an entry made from a `subdomains:` item: the declared domain it belongs to. */
  parent?: string;
  /**
   * Where each declared key sits in the config file, by its path inside the entry ("" for the
   * entry itself, "expect.dmarc.policy", …): SARIF and GitHub annotations point findings there.
   */
  lines?: Record<string, number>;
  /** The domain's record in a `--baseline` lock file: `drift/baseline` reports every change since. */
  baseline?: BaselineEntry;
}

/** One domain as a baseline lock file recorded it (src/baseline/lockfile.ts). */
export interface BaselineEntry {
  /** The lock file's path, for messages. */
  source: string;
  /** The normalized snapshot recorded then. */
  snapshot: unknown;
}

export interface Config {
  /** Path of the file, for messages. */
  source: string;
  resolvers?: string[];
  timeout?: number;
  failOn?: FailOn;
  profile?: string;
  /**
   * The report store whose DKIM selectors `check` verifies (`--reports-db`); a relative path is
   * relative to the config file's folder.
   */
  reportsDb?: string;
  domains: DomainDeclaration[];
  rules: Record<string, SeveritySetting>;
}
