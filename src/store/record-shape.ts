import type { ReportHeader, ReportRecord } from "../reports/types.js";
import { compareCodePoints } from "./text-order.js";

/**
 * A record's shape: everything the summary groups its records by except the source IP (the policy
 * domain, reporter and published modes of its report; its disposition, verdicts, override reasons,
 * identifiers and auth results). Stores intern each shape once (`record_shapes`, migration 5) and
 * keep its id on every record and a running sum per (shape, source IP) (`source_groups`), so a
 * summary reads tens of thousands of groups instead of folding every record again.
 *
 * The key is each field as `<octets>:<text>` (its length in UTF-8 octets, then itself) or `-` for
 * NULL, in the order of SHAPE_FIELDS: equal keys are equal shapes and nothing else. Migration 5
 * builds the same key in SQL (`shapeKeySql`) for the records stored before it.
 */
export interface RecordShape {
  policyDomain: string;
  orgName: string;
  adkim: string | null;
  aspf: string | null;
  disposition: string;
  dkim: string;
  spf: string;
  reasons: string;
  headerFrom: string;
  envelopeFrom: string;
  /** The auth results joined as joined-auth-results.ts reads them back, in canonical order; "" for none. */
  auth: string;
}

/** The `record_shapes` columns, in the order of the key. */
export const SHAPE_COLUMNS = [
  "policy_domain",
  "org_name",
  "adkim",
  "aspf",
  "disposition",
  "dkim",
  "spf",
  "reasons",
  "header_from",
  "envelope_from",
  "auth",
] as const;

function field(value: string | null): string {
  return value === null ? "-" : `${Buffer.byteLength(value, "utf8")}:${value}`;
}

/** The part of the key a report's records share: policy domain, reporter, adkim, aspf. */
export function reportShapePrefix(header: ReportHeader): string {
  return (
    field(header.policy.domain) +
    field(header.metadata.orgName) +
    field(header.policy.adkim ?? null) +
    field(header.policy.aspf ?? null)
  );
}

/** The shape of one record of a report whose header made `prefix`; `reasons` as stored (JSON). */
export function recordShape(
  prefix: string,
  record: ReportRecord,
  reasons: string,
): { key: string; auth: string } {
  const auth = joinedAuthResults(record);
  return {
    key:
      prefix +
      field(record.disposition) +
      field(record.dkim) +
      field(record.spf) +
      field(reasons) +
      field(record.headerFrom) +
      field(record.envelopeFrom) +
      field(auth),
    auth,
  };
}

/** The fields of a shape from its header and record (for inserting a new one). */
export function shapeRow(
  header: ReportHeader,
  record: ReportRecord,
  reasons: string,
  auth: string,
): (string | null)[] {
  return [
    header.policy.domain,
    header.metadata.orgName,
    header.policy.adkim ?? null,
    header.policy.aspf ?? null,
    record.disposition,
    record.dkim,
    record.spf,
    reasons,
    record.headerFrom,
    record.envelopeFrom,
    auth,
  ];
}

type AuthRow = [method: string, domain: string, selector: string, scope: string, result: string];

/**
 * The record's auth rows as the writers store them (DKIM: selector, no scope; SPF: scope, no
 * selector), sorted by method, domain, selector, scope and result in byte order, each joined as
 * joinedAuthResultsSql joins them: the same text for the same results in any order.
 */
export function joinedAuthResults(record: ReportRecord): string {
  const rows: AuthRow[] = [];
  for (const d of record.dkimResults) rows.push(["dkim", d.domain, d.selector, "", d.result]);
  for (const s of record.spfResults) rows.push(["spf", s.domain, "", s.scope, s.result]);
  if (rows.length === 0) return "";
  if (rows.length > 1) rows.sort(compareAuthRows);
  let joined = "";
  for (const [method, domain, selector, scope, result] of rows)
    joined += method + field(domain) + field(selector) + field(scope) + field(result);
  return joined;
}

function compareAuthRows(a: AuthRow, b: AuthRow): number {
  for (let i = 0; i < a.length; i++) {
    const order = compareCodePoints(a[i] ?? "", b[i] ?? "");
    if (order !== 0) return order;
  }
  return 0;
}
