/**
 * The SMTP TLS Reporting facts gathered for one domain (the `tlsRpt` object of `check -f json`,
 * RFC 8460): plain data, judged by the `tls-rpt/*` rules.
 */
import type { RecordFieldProblem } from "../smtp-tls/record-fields.js";

/** One destination of `rua=`. */
export interface TlsRptUri {
  uri: string;
  /** The scheme in lower case ("mailto", "https"); null when the text is no URI. */
  scheme: string | null;
  /** Whether a reporter could send to it (RFC 8460 §3: mailto: or https:). */
  valid: boolean;
}

export interface TlsRptAudit {
  /** `_smtp._tls.<domain>`. */
  name: string;
  /** found: a `v=TLSRPTv1` TXT record; none: no such record; inconclusive: DNS failed. */
  status: "found" | "none" | "inconclusive";
  /** The record when there is exactly one (several: reporters ignore them all). */
  record: string | null;
  records: string[];
  /** The `rua=` destinations, in order. */
  rua: TlsRptUri[];
  problems: RecordFieldProblem[];
}
