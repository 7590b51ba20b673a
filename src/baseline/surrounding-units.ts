/**
 * Baseline units of what surrounds SPF, DKIM and DMARC: the MX set, the `_mta-sts` record and the
 * policy it announces, the `_smtp._tls` record, the BIMI record and its logo. Fetched things (a
 * policy, a logo) are units of their own whose text is what was served; a fetch that did not happen
 * (`--offline`, `--zone`) or reached no verdict makes the unit unknown, and unknown is never drift.
 */
import type { Unit } from "./record-changes.js";

/** Sections every snapshot of this mailaudit holds: a baseline without one predates them. */
export const ALWAYS_PRESENT_SECTIONS: ReadonlySet<string> = new Set(["mx", "mtaSts", "tlsRpt", "bimi"]);

export function surroundingUnits(section: string, value: unknown, domain: string): Unit[] {
  if (!isObject(value)) return [];
  switch (section) {
    case "mx":
      return [mxUnit(value, domain)];
    case "mtaSts":
      return [
        txtUnit("mta-sts", "MTA-STS record", value),
        ...fetchedUnit("mta-sts policy", "MTA-STS policy", value.policy, (policy) => lines(policy.text)),
      ];
    case "tlsRpt":
      return [txtUnit("tls-rpt", "TLS-RPT record", value)];
    case "bimi":
      return [
        txtUnit("bimi", "BIMI record", value),
        ...fetchedUnit("bimi logo", "BIMI logo", value.logo, (logo) => {
          const svg = isObject(logo.svg) ? logo.svg : {};
          return [`SVG of ${String(svg.bytes)} octets`, `sha256 ${String(svg.sha256)}`];
        }),
      ];
    default:
      return [];
  }
}

function mxUnit(mx: Record<string, unknown>, domain: string): Unit {
  const records = Array.isArray(mx.records) ? mx.records.filter(isObject) : [];
  const items = records
    .sort((a, b) => Number(a.priority) - Number(b.priority))
    .map((r) => `${String(r.priority)} ${String(r.exchange)}`);
  const { status } = mx;
  return {
    key: "mx",
    name: `MX records of ${domain}`,
    record: items.length > 0 ? items.join(", ") : null,
    isRecord: true,
    facts: mx,
    items,
    unknown: status === "inconclusive",
  };
}

/** A TXT record unit: the one record, or all of them when there are several. */
function txtUnit(key: string, label: string, section: Record<string, unknown>): Unit {
  const records = Array.isArray(section.records) ? section.records.map(String) : [];
  const { records: _records, policy: _policy, logo: _logo, ...facts } = section;
  return {
    key,
    name: `${label} at ${String(section.name)}`,
    record:
      typeof section.record === "string" ? section.record : records.length > 0 ? records.join(" | ") : null,
    isRecord: true,
    facts,
    unknown: section.status === "inconclusive",
  };
}

/**
 * The unit of something fetched over HTTPS: what was served (as lines), or why nothing was; unknown
 * when the fetch did not happen or reached no verdict.
 */
function fetchedUnit(
  key: string,
  label: string,
  value: unknown,
  served: (fetched: Record<string, unknown>) => string[],
): Unit[] {
  if (!isObject(value) || !isObject(value.fetch)) return [];
  const fetch = value.fetch;
  const items =
    fetch.status === "ok" ? served(value) : [`not served: ${String(fetch.detail ?? fetch.reason)}`];
  const { fetch: _fetch, text: _text, ...facts } = value;
  return [
    {
      key,
      name: `${label} at ${String(value.url)}`,
      record: items.join("; "),
      isRecord: true,
      facts,
      items,
      unknown: fetch.status !== "ok" && fetch.status !== "failed",
    },
  ];
}

function lines(text: unknown): string[] {
  return typeof text === "string" ? text.split(/\r?\n/).filter((line) => line.trim() !== "") : [];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
