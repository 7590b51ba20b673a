/**
 * The MTA-STS facts gathered for one domain (the `mtaSts` object of `check -f json`, RFC 8461):
 * plain data, judged by the `mta-sts/*` rules.
 */

import type { FetchReport } from "../https/types.js";
import type { RecordFieldProblem } from "../smtp-tls/record-fields.js";

export type MtaStsMode = "enforce" | "testing" | "none";

export type PolicyProblemCode =
  | "not-utf8"
  | "malformed-line"
  | "blank-line"
  | "duplicate-key"
  | "missing-key"
  | "bad-version"
  | "bad-mode"
  | "bad-max-age"
  | "bad-mx"
  | "no-mx";

export interface PolicyProblem {
  code: PolicyProblemCode;
  /** The key concerned (`mode`, `mx`, …), when one is. */
  key?: string;
  value?: string;
  /** 1-based line of the policy. */
  line?: number;
  reason: string;
}

/** The policy file's fields (RFC 8461 §3.2), as far as they could be read. */
export interface MtaStsPolicyFields {
  version: string | null;
  mode: MtaStsMode | null;
  /** Seconds; null when absent or not a number. */
  maxAge: number | null;
  /** `mx:` patterns in order: host names, or `*.` and a domain. */
  mx: string[];
  problems: PolicyProblem[];
}

export interface MtaStsPolicy extends MtaStsPolicyFields {
  /** `https://mta-sts.<domain>/.well-known/mta-sts.txt`. */
  url: string;
  fetch: FetchReport;
  /** The policy as served (UTF-8), when it was fetched; null otherwise. */
  text: string | null;
}

export interface MtaStsAudit {
  /** `_mta-sts.<domain>`. */
  name: string;
  /** found: a `v=STSv1` TXT record; none: no such record; inconclusive: DNS failed. */
  status: "found" | "none" | "inconclusive";
  /** The record when there is exactly one; null otherwise (several: senders ignore them all). */
  record: string | null;
  /** Every TXT record at the name that starts with `v=STSv1`. */
  records: string[];
  /** The record's `id=` as written; null without a record or an id. */
  id: string | null;
  /** Every problem of the record's grammar (RFC 8461 §3.1). */
  problems: RecordFieldProblem[];
  /** The policy fetched over HTTPS; null when there is no record to announce one (or DNS failed). */
  policy: MtaStsPolicy | null;
}
