import type { Zone } from "../dns/zone-records.js";

/** Something a reader could not check, said once per run so the user sees what was left out. */
export interface ZoneInputNotice {
  /** The file it comes from. */
  source: string;
  /** A Terraform resource address, or the resource types skipped (`skipped-type`). */
  address: string;
  kind: "unknown-value" | "skipped-type";
  /** Why, in words ("records known only after apply: not checked"). */
  reason: string;
}

/** What one `--zone` input holds: one zone or several (DNSControl and Terraform hold many). */
export interface ZoneInput {
  format: ZoneInputFormat;
  zones: Zone[];
  notices: ZoneInputNotice[];
}

export type ZoneInputFormat = "zone-file" | "octodns" | "dnscontrol" | "terraform";

export interface ZoneInputOptions {
  /** File name, for messages (and, for octoDNS, the zone name `<zone>.yaml`). */
  source: string;
  /** `--zone-origin`: the zone's name where the input does not say it. */
  origin?: string;
}

/** One line for a person: `plan.json: aws_route53_record.ses: records known only after apply: not checked`. */
export function describeNotice(notice: ZoneInputNotice): string {
  return `${notice.source}: ${notice.address}: ${notice.reason}`;
}
