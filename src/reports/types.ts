/**
 * A DMARC aggregate report, normalized: RFC 7489 appendix C and RFC 9990 (dmarc-2.0) map onto one
 * shape. Enumerations are lower-cased and reduced to the RFC vocabulary where a reporter uses a
 * known variant (`Pass`, `hardfail`); unknown values are kept as given, lower-cased, never dropped.
 */

export type ReportSchema = "rfc7489" | "dmarc-2.0";

export interface ReportMetadata {
  orgName: string;
  email: string;
  reportId: string;
  /** Seconds since the epoch, UTC (RFC 7489 appendix C `date_range`). */
  begin: number;
  end: number;
  errors: string[];
}

export interface PolicyPublished {
  domain: string;
  adkim?: string;
  aspf?: string;
  p?: string;
  sp?: string;
  /** RFC 9990 only: policy for non-existent subdomains. */
  np?: string;
  /** RFC 7489 only; historic in RFC 9990. */
  pct?: number;
  fo?: string;
  /** RFC 9990 `testing` (y/n), replacing pct=0 use. */
  testing?: string;
  /** RFC 9990 `discovery_method`: psl | treewalk. */
  discoveryMethod?: string;
}

export interface DkimAuthResult {
  domain: string;
  selector: string;
  result: string;
}

export interface SpfAuthResult {
  domain: string;
  scope: string;
  result: string;
}

export interface PolicyOverrideReason {
  type: string;
  comment: string;
}

export interface ReportRecord {
  sourceIp: string;
  count: number;
  disposition: string;
  /** policy_evaluated: the receiver's verdict on *aligned* DKIM / SPF. */
  dkim: string;
  spf: string;
  reasons: PolicyOverrideReason[];
  headerFrom: string;
  envelopeFrom: string;
  envelopeTo: string;
  dkimResults: DkimAuthResult[];
  spfResults: SpfAuthResult[];
}

/** What is known of a report before its first record: enough to decide whether it is stored already. */
export interface ReportHeader {
  schema: ReportSchema;
  version: string;
  metadata: ReportMetadata;
  policy: PolicyPublished;
}

export interface AggregateReport extends ReportHeader {
  records: ReportRecord[];
  /** What the lenient parser repaired (see docs/reports.md); empty for a clean report. */
  warnings: string[];
}
