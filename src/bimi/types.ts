/**
 * The BIMI facts gathered for one domain (the `bimi` object of `check -f json`): the assertion
 * record at `default._bimi` (draft-brand-indicators-for-message-identification), the logo it points
 * to and its check against SVG Tiny PS. Plain data, judged by the `bimi/*` rules.
 */
import type { FetchReport } from "../https/types.js";
import type { SvgCheck } from "./svg-profile.js";

export interface BimiProblem {
  code: "bad-version" | "malformed-tag" | "duplicate-tag" | "invalid-value";
  tag?: string;
  value?: string;
  reason: string;
}

export interface BimiLogo {
  url: string;
  fetch: FetchReport;
  /** The SVG check, when the file was fetched. */
  svg: SvgCheck | null;
}

export interface BimiAudit {
  /** The selector asked (`default`: mailaudit checks what receivers use without a BIMI-Selector header). */
  selector: string;
  /** `default._bimi.<domain>`: the name asked first. */
  name: string;
  /** The domain whose record applies: the domain itself, or its organizational domain (fallback). */
  source: string | null;
  /** found: a `v=BIMI1` record applies; none: no record here or at the organizational domain. */
  status: "found" | "none" | "inconclusive";
  /** The record when exactly one applies. */
  record: string | null;
  /** Every `v=BIMI1` record at the name that applies. */
  records: string[];
  /** `l=` and `a=` both empty: the domain declines to show a logo (a valid statement). */
  declined: boolean;
  /** The logo's URL (`l=`), when it names one. */
  logoUrl: string | null;
  /** `a=`: where the mark certificate (VMC/CMC) is; null when absent or empty. */
  authorityUrl: string | null;
  /** Whether `a=` names evidence. Noted only: the certificate chain is not validated. */
  authority: "present" | "absent";
  problems: BimiProblem[];
  /** The logo fetched and checked; null without a logo URL. */
  logo: BimiLogo | null;
}
