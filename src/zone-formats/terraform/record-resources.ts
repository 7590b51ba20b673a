/**
 * What each DNS record resource type plans, in the provider's own terms (each provider's
 * Terraform registry documentation): where its name and zone are, and how its values become
 * records. TXT quoting follows what each provider sends to its API.
 */
import type { ZoneRecord } from "../../dns/zone-records.js";
import { parseCharacterStrings } from "../character-strings.js";
import { absoluteName, isInZone, nameInZone } from "../names.js";
import { MAX_CHARACTER_STRING, splitCharacterStrings, utf8Octets } from "../octets.js";
import { mxRecord, preferenceProblem, simpleRecord, toPreference, txtRecord } from "../record-values.js";
import { isObject, type Json, stringField } from "./plan-json.js";

export type Provider = "route53" | "cloudflare" | "google" | "azure";

/** A planned record resource, before its zone is known. */
export interface PlannedRecord {
  provider: Provider;
  /** The record type (upper case), as planned; "" when the plan does not know it. */
  type: string;
  /** Attributes whose values must be known at plan time to check the record. */
  needs: string[];
  /** The zone's name when the resource states it (Azure's `zone_name`). */
  zoneName?: string;
  /** The attribute naming the zone by id (`zone_id`, `managed_zone`) and its planned value. */
  zoneField?: string;
  zoneId?: string;
  /** The owner name, once the zone is known (or why it is not in that zone). */
  owner(zone: string): string | { problem: string };
  /** The records, or why the values are not valid for this provider. */
  records(owner: string): ZoneRecord[] | { problem: string };
}

/** The record resource types read, each from its planned `after` values. */
export const RECORD_RESOURCES: Record<string, (after: Json, afterUnknown: Json) => PlannedRecord> = {
  aws_route53_record: route53Record,
  cloudflare_record: cloudflareRecord,
  cloudflare_dns_record: cloudflareRecord,
  google_dns_record_set: googleRecordSet,
  azurerm_dns_txt_record: (after) => azureRecord(after, "TXT"),
  azurerm_dns_cname_record: (after) => azureRecord(after, "CNAME"),
  azurerm_dns_mx_record: (after) => azureRecord(after, "MX"),
};

const DEFAULT_TTL = 300;

function ttlOf(after: Json): number {
  return typeof after.ttl === "number" ? after.ttl : DEFAULT_TTL;
}

function typeOf(after: Json): string {
  return (stringField(after, "type") ?? "").toUpperCase();
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/**
 * aws_route53_record: `records` is a set of strings. The provider wraps each TXT value in quotes
 * before sending it (`"value"`), so `\"\"` inside a value splits it into two character-strings;
 * Route 53 reads `\ddd` as octal and refuses strings over 255 octets. A relative `name` gets the
 * zone appended (the provider's expandRecordName).
 */
function route53Record(after: Json): PlannedRecord {
  const type = typeOf(after);
  const name = stringField(after, "name") ?? "";
  return {
    provider: "route53",
    type,
    needs: ["name", "type", "records"],
    zoneField: "zone_id",
    ...optional("zoneId", stringField(after, "zone_id")),
    owner: (zone) => {
      const n = absoluteName(name);
      if (n === "") return zone;
      return isInZone(n, zone) ? n : `${n}.${zone}`;
    },
    records: (owner) => {
      const values = strings(after.records);
      if (values.length === 0 && isObject((after.alias as unknown[] | undefined)?.[0])) {
        return { problem: "an alias record: its addresses are not in the plan" };
      }
      return presentationRecords(owner, ttlOf(after), type, values, 8, true);
    },
  };
}

/**
 * cloudflare_record (provider 4: `value` or `content`, relative or full `name`) and
 * cloudflare_dns_record (provider 5: `content`, full `name`). TXT content is either quoted
 * character-strings or plain text; Cloudflare splits strings over 255 octets itself.
 */
function cloudflareRecord(after: Json, afterUnknown: Json): PlannedRecord {
  const type = typeOf(after);
  const name = stringField(after, "name") ?? "";
  // Provider 4 computes `value` from `content` (and the reverse): only the one configured matters.
  const field =
    stringField(after, "content") === undefined &&
    afterUnknown.content !== true &&
    stringField(after, "value") !== undefined
      ? "value"
      : "content";
  const content = stringField(after, field);
  return {
    provider: "cloudflare",
    type,
    needs: ["name", "type", field, ...(type === "MX" ? ["priority"] : [])],
    zoneField: "zone_id",
    ...optional("zoneId", stringField(after, "zone_id")),
    owner: (zone) => {
      const n = absoluteName(name);
      if (n === "" || n === "@") return zone;
      return isInZone(n, zone) ? n : `${n}.${zone}`;
    },
    records: (owner) => {
      if (content === undefined) return { problem: "no content" };
      const ttl = ttlOf(after);
      if (type === "TXT" || type === "SPF") {
        const octets = utf8Octets(content.trim());
        if (!octets.startsWith('"')) return [txtRecord(owner, ttl, type, splitCharacterStrings(octets))];
        const parsed = parseCharacterStrings(octets, 10);
        if (!parsed.ok) return { problem: `TXT content: ${parsed.reason}` };
        return [txtRecord(owner, ttl, type, parsed.strings.flatMap(splitCharacterStrings))];
      }
      if (type === "MX") {
        const problem = preferenceProblem(after.priority);
        if (problem) return { problem };
        return [mxRecord(owner, ttl, toPreference(after.priority), content)];
      }
      return [simpleRecord(owner, ttl, type, content)];
    },
  };
}

/**
 * google_dns_record_set: a full `name` with its trailing dot, `rrdatas` in zone-file text. Unquoted
 * TXT data is split at spaces into separate strings, as the provider documents.
 */
function googleRecordSet(after: Json): PlannedRecord {
  const type = typeOf(after);
  const name = absoluteName(stringField(after, "name") ?? "");
  return {
    provider: "google",
    type,
    needs: ["name", "type", "rrdatas"],
    zoneField: "managed_zone",
    ...optional("zoneId", stringField(after, "managed_zone")),
    owner: (zone) => (isInZone(name, zone) ? name : { problem: `${name} is not in the zone ${zone}` }),
    records: (owner) => {
      const values = strings(after.rrdatas);
      if (values.length === 0 && Array.isArray(after.routing_policy) && after.routing_policy.length > 0) {
        return { problem: "a routing-policy record set: its data depends on the query" };
      }
      return presentationRecords(owner, ttlOf(after), type, values, 10, false);
    },
  };
}

/**
 * azurerm_dns_{txt,cname,mx}_record: a relative `name` ("@" for the apex) in `zone_name`. TXT
 * `record { value }` may hold up to 4096 characters: the provider splits it into 255-octet strings.
 */
function azureRecord(after: Json, type: "TXT" | "CNAME" | "MX"): PlannedRecord {
  const name = stringField(after, "name") ?? "@";
  return {
    provider: "azure",
    type,
    needs: ["name", "zone_name", "record"],
    ...optional("zoneName", stringField(after, "zone_name")),
    owner: (zone) => nameInZone(name, zone),
    records: (owner) => {
      const ttl = ttlOf(after);
      if (type === "CNAME") {
        const target = stringField(after, "record");
        if (target === undefined)
          return { problem: "an alias record (target_resource_id): its target is not in the plan" };
        return [simpleRecord(owner, ttl, "CNAME", target)];
      }
      const blocks = Array.isArray(after.record) ? after.record.filter(isObject) : [];
      if (type === "TXT") {
        return blocks.map((b) =>
          txtRecord(owner, ttl, "TXT", splitCharacterStrings(utf8Octets(stringField(b, "value") ?? ""))),
        );
      }
      const records: ZoneRecord[] = [];
      for (const b of blocks) {
        const problem = preferenceProblem(b.preference);
        if (problem) return { problem };
        records.push(mxRecord(owner, ttl, toPreference(b.preference), stringField(b, "exchange") ?? ""));
      }
      return records;
    },
  };
}

/** Each value in presentation format → a record; the first value that cannot be read stops it. */
function presentationRecords(
  owner: string,
  ttl: number,
  type: string,
  values: string[],
  base: 8 | 10,
  wrap: boolean,
): ZoneRecord[] | { problem: string } {
  const records: ZoneRecord[] = [];
  for (const value of values) {
    const record = presentationRecord(owner, ttl, type, value, base, wrap);
    if ("problem" in record) return record;
    records.push(record);
  }
  return records;
}

/**
 * One value in presentation format (Route 53 `records`, Google `rrdatas`): `10 mx.example.com.`
 * for MX, character-strings for TXT. `wrap` adds the quotes the AWS provider adds.
 */
function presentationRecord(
  owner: string,
  ttl: number,
  type: string,
  value: string,
  base: 8 | 10,
  wrap: boolean,
): ZoneRecord | { problem: string } {
  if (type === "TXT" || type === "SPF") {
    const parsed = parseCharacterStrings(utf8Octets(wrap ? `"${value}"` : value), base);
    if (!parsed.ok) return { problem: `TXT value: ${parsed.reason}` };
    if (parsed.strings.some((s) => s.length > MAX_CHARACTER_STRING)) {
      return {
        problem: `TXT value has a string over ${MAX_CHARACTER_STRING} octets, which the DNS API refuses; split it with \\"\\" (a DKIM key in two parts)`,
      };
    }
    return txtRecord(owner, ttl, type, parsed.strings);
  }
  if (type === "MX") {
    const [preference, exchange, extra] = value.trim().split(/\s+/);
    if (exchange === undefined || extra !== undefined)
      return { problem: `MX value "${value}" is not "<preference> <exchange>"` };
    const problem = preferenceProblem(preference);
    if (problem) return { problem };
    return mxRecord(owner, ttl, Number(preference), exchange);
  }
  return simpleRecord(owner, ttl, type, value);
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
