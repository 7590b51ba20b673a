import { normalizeName } from "../dns/types.js";
import type { ReportStore } from "../store/store.js";
import { type SummaryFilter, sourceAuthResults, sourceRecords } from "../store/summary-queries.js";

/**
 * The stored records of each (policy domain, source IP), folded into groups of records that say the
 * same thing (same reporter, modes, verdict, identifiers and auth results): a busy source sends the
 * same kind of mail again and again, so 100,000 records become a few thousand groups and everything
 * after this works per group.
 */

export interface DkimResult {
  domain: string;
  selector: string;
  result: string;
}

export interface SpfResultRow {
  domain: string;
  scope: string;
  result: string;
}

export interface RecordGroup {
  /** The reporting organization. */
  org: string;
  /** `adkim` / `aspf` published when the report was made (RFC 7489 §6.3: relaxed when absent). */
  adkim: "r" | "s";
  aspf: "r" | "s";
  disposition: string;
  /** policy_evaluated: the receiver's verdict on aligned DKIM and SPF. */
  policyDkim: string;
  policySpf: string;
  /** policy override reason types (forwarded, mailing_list, …), lower case. */
  reasons: string[];
  headerFrom: string;
  envelopeFrom: string;
  dkim: DkimResult[];
  spf: SpfResultRow[];
  messages: number;
  records: number;
}

export interface SourceRecords {
  domain: string;
  ip: string;
  messages: number;
  groups: RecordGroup[];
}

type Reader = Pick<ReportStore, "select">;

export async function loadSourceRecords(db: Reader, filter: SummaryFilter): Promise<SourceRecords[]> {
  const [rows, authRows] = await Promise.all([sourceRecords(db, filter), sourceAuthResults(db, filter)]);
  const auth = new Map<number, { dkim: DkimResult[]; spf: SpfResultRow[] }>();
  for (const row of authRows) {
    const id = Number(row.record);
    let entry = auth.get(id);
    if (!entry) {
      entry = { dkim: [], spf: [] };
      auth.set(id, entry);
    }
    const domain = normalizeName(String(row.domain ?? ""));
    const result = String(row.result ?? "").toLowerCase();
    if (row.method === "dkim") entry.dkim.push({ domain, selector: String(row.selector ?? ""), result });
    else entry.spf.push({ domain, scope: String(row.scope ?? "").toLowerCase(), result });
  }
  const sources = new Map<string, SourceRecords & { byKey: Map<string, RecordGroup> }>();
  for (const row of rows) {
    const domain = String(row.domain);
    const ip = String(row.ip);
    const sourceKey = `${domain}\u0000${ip}`;
    let source = sources.get(sourceKey);
    if (!source) {
      source = { domain, ip, messages: 0, groups: [], byKey: new Map() };
      sources.set(sourceKey, source);
    }
    const results = auth.get(Number(row.id)) ?? { dkim: [], spf: [] };
    const group: RecordGroup = {
      org: String(row.org ?? ""),
      adkim: mode(row.adkim),
      aspf: mode(row.aspf),
      disposition: String(row.disposition ?? ""),
      policyDkim: String(row.dkim ?? ""),
      policySpf: String(row.spf ?? ""),
      reasons: overrideTypes(String(row.reasons ?? "[]")),
      headerFrom: normalizeName(String(row.header_from ?? "")),
      envelopeFrom: normalizeName(String(row.envelope_from ?? "")),
      dkim: results.dkim,
      spf: results.spf,
      messages: 0,
      records: 0,
    };
    const key = groupKey(group);
    const known = source.byKey.get(key);
    const target = known ?? group;
    if (!known) {
      source.byKey.set(key, group);
      source.groups.push(group);
    }
    const count = Number(row.count);
    target.messages += count;
    target.records += 1;
    source.messages += count;
  }
  return [...sources.values()].map(({ byKey: _, ...source }) => source);
}

function mode(value: unknown): "r" | "s" {
  return String(value ?? "").toLowerCase() === "s" ? "s" : "r";
}

/** The override reasons are stored as the JSON list of `{ type, comment }` the parser produced. */
function overrideTypes(json: string): string[] {
  try {
    const reasons = JSON.parse(json) as { type?: unknown }[];
    return Array.isArray(reasons)
      ? reasons.map((r) => String(r?.type ?? "").toLowerCase()).filter(Boolean)
      : [];
  } catch {
    return [];
  }
}

function groupKey(g: RecordGroup): string {
  return [
    g.org,
    g.adkim,
    g.aspf,
    g.disposition,
    g.policyDkim,
    g.policySpf,
    g.reasons.join(","),
    g.headerFrom,
    g.envelopeFrom,
    g.dkim.map((d) => `${d.domain}/${d.selector}/${d.result}`).join(","),
    g.spf.map((s) => `${s.domain}/${s.scope}/${s.result}`).join(","),
  ].join("\u0000");
}
