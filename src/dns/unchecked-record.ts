import type { UncheckedRecord } from "./types.js";

/**
 * One record held without its data, for a person: `s1._domainkey.example.com TXT (plan.json:
 * aws_route53_record.dkim: records known only after apply)`; a record whose name or type is not
 * known yet says so.
 */
export function describeUnchecked(record: UncheckedRecord): string {
  const name = record.name ?? "a name known only after apply";
  const type = record.type ?? "a type known only after apply";
  return `${name} ${type} (${record.source}: ${record.reason})`;
}
