/**
 * DNSControl's intermediate representation, as `dnscontrol print-ir` prints it (the `DNSConfig` of
 * models/dnsrr.go and models/record.go): `domains[]` each with a `name` and `records[]` of
 * `{ type, name, target, ttl }`. Names are short (`@` is the apex); TXT data is `target` (DNSControl
 * 4 splits it into 255-octet strings when it publishes) or, from older versions, `txtstrings`; MX
 * preference is `mxpreference` (omitted when 0) or, from newer versions, `Fields.Preference`.
 */
import { normalizeName } from "../dns/types.js";
import type { Zone, ZoneRecord } from "../dns/zone-records.js";
import { ZoneInputError } from "./input-error.js";
import { lineOfJsonPath } from "./json-input.js";
import { nameInZone, nameProblem } from "./names.js";
import { MAX_CHARACTER_STRING, splitCharacterStrings, utf8Octets } from "./octets.js";
import { mxRecord, preferenceProblem, simpleRecord, toPreference, txtRecord } from "./record-values.js";

/** DNSControl's DefaultTTL. */
const DEFAULT_TTL = 300;

type Json = Record<string, unknown>;

export function looksLikeDnsControl(json: unknown): boolean {
  return isObject(json) && Array.isArray(json.domains);
}

export function readDnsControl(json: unknown, text: string, source: string): Zone[] {
  const domains = (json as Json).domains as unknown[];
  const zones: Zone[] = [];
  domains.forEach((domain, d) => {
    const fail = (path: Array<string | number>, reason: string): never => {
      throw new ZoneInputError(source, lineOfJsonPath(text, ["domains", d, ...path]), reason);
    };
    if (!isObject(domain) || typeof domain.name !== "string") fail([], "each domain needs a name");
    const entry = domain as Json;
    // Split-horizon domains are named "example.com!internal": the tag is not part of the name.
    const origin = normalizeName((entry.name as string).split("!")[0] as string);
    const problem = nameProblem(origin);
    if (problem) fail(["name"], problem);
    // Go writes an empty records slice as null: a domain with no records.
    if (entry.records !== null && entry.records !== undefined && !Array.isArray(entry.records))
      fail(["records"], `domain ${origin}: records is not a list`);
    const records: ZoneRecord[] = [];
    ((entry.records ?? []) as unknown[]).forEach((record, r) => {
      const result = readRecord(record, origin);
      if (typeof result === "string") {
        const at =
          isObject(record) && typeof record.filepos === "string" ? ` (dnsconfig.js ${record.filepos})` : "";
        fail(["records", r], `${origin}: ${result}${at}`);
      }
      records.push(result as ZoneRecord);
    });
    zones.push({ origin, records, source });
  });
  return zones;
}

/** One IR record → a zone record, or why it cannot be read. */
function readRecord(record: unknown, origin: string): ZoneRecord | string {
  if (!isObject(record) || typeof record.type !== "string" || typeof record.name !== "string") {
    return "each record needs a type and a name";
  }
  const type = record.type.toUpperCase();
  const label = record.name;
  if (label !== "@" && nameProblem(label)) return nameProblem(label) as string;
  const name = nameInZone(label, origin);
  const ttl = typeof record.ttl === "number" ? record.ttl : DEFAULT_TTL;
  const fields = isObject(record.Fields) ? record.Fields : {};
  const target = typeof record.target === "string" ? record.target : undefined;
  switch (type) {
    case "TXT":
    case "SPF": {
      const strings =
        Array.isArray(record.txtstrings) && record.txtstrings.length > 0 ? record.txtstrings : undefined;
      if (strings) {
        if (!strings.every((s) => typeof s === "string"))
          return `${type} ${label}: txtstrings must be strings`;
        const octets = (strings as string[]).map(utf8Octets);
        if (octets.some((s) => s.length > MAX_CHARACTER_STRING))
          return `${type} ${label}: a txtstrings part is over 255 octets`;
        return txtRecord(name, ttl, type, octets);
      }
      if (target === undefined) return `${type} ${label} has no target`;
      return txtRecord(name, ttl, type, splitCharacterStrings(utf8Octets(target)));
    }
    case "MX": {
      const exchange = target ?? (typeof fields.Mx === "string" ? fields.Mx : undefined);
      if (exchange === undefined) return `MX ${label} has no target`;
      // mxpreference is omitempty in the IR: a missing one is 0 (a null MX, RFC 7505).
      const preference = record.mxpreference ?? fields.Preference ?? 0;
      const problem = preferenceProblem(preference);
      if (problem) return `MX ${label}: ${problem}`;
      return mxRecord(name, ttl, toPreference(preference), targetName(exchange, origin));
    }
    default:
      if (target === undefined) return `${type} ${label} has no target`;
      return simpleRecord(
        name,
        ttl,
        type,
        type === "CNAME" || type === "NS" || type === "PTR" ? targetName(target, origin) : target,
      );
  }
}

/** DNSControl targets end with a dot when absolute; "@" and short names are inside the domain. */
function targetName(target: string, origin: string): string {
  if (target.endsWith(".")) return target;
  return nameInZone(target, origin);
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
