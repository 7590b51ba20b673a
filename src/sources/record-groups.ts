import { normalizeName } from "../dns/types.js";
import { type StoredAuthResult, storedAuthResults } from "../store/joined-auth-results.js";
import type { Row } from "../store/store.js";
import { type SummaryFilter, type SummaryStore, sourceRecordGroups } from "../store/summary-queries.js";
import { compareCodePoints } from "../store/text-order.js";

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

/**
 * The database folds the records (sourceRecordGroups); this folds again what only differs before
 * normalization (letter case, a trailing dot, auth results stored in another order), so the groups
 * are exactly those of folding record by record in record order.
 */
export async function loadSourceRecords(db: SummaryStore, filter: SummaryFilter): Promise<SourceRecords[]> {
  await db.foldSummarySums();
  return foldSourceRecords(await sourceRecordGroups(db, filter));
}

/** The sources and their groups from the rows of sourceRecordGroups. */
export function foldSourceRecords(rows: readonly Row[]): SourceRecords[] {
  const folder = new SourceFolder();
  // A store holds a few kinds of record against tens of thousands of groups: each joined text is
  // read once. The lists are shared between groups, which nothing changes after the fold.
  const read = new Map<string, Pick<RecordGroup, "dkim" | "spf">>();
  for (const row of rows) {
    const joined = row.auth === null || row.auth === undefined ? "" : String(row.auth);
    let results = read.get(joined);
    if (!results) {
      results = authResults(joined);
      read.set(joined, results);
    }
    folder.add(row, results, Number(row.messages), Number(row.records));
  }
  return folder.sources();
}

/**
 * Adds records (or groups of them) to their source, into the group of records saying the same thing
 * (`groupKey`); sources and groups stay in the order first added.
 */
export class SourceFolder {
  readonly #sources = new Map<string, SourceRecords & { byKey: Map<string, RecordGroup> }>();

  /** `row`: domain, ip, org, adkim, aspf, disposition, dkim, spf, reasons, header_from, envelope_from. */
  add(row: Row, results: Pick<RecordGroup, "dkim" | "spf">, messages: number, records: number): void {
    const domain = String(row.domain);
    const ip = String(row.ip);
    const sourceKey = `${domain}\u0000${ip}`;
    let source = this.#sources.get(sourceKey);
    if (!source) {
      source = { domain, ip, messages: 0, groups: [], byKey: new Map() };
      this.#sources.set(sourceKey, source);
    }
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
    target.messages += messages;
    target.records += records;
    source.messages += messages;
  }

  sources(): SourceRecords[] {
    return [...this.#sources.values()].map(({ byKey: _, ...source }) => source);
  }
}

/**
 * A record's auth results from the joined text, in canonical order: by method, domain, selector,
 * scope and result as stored, compared by code point (the bytewise order of both stores' text), then
 * normalized as the explanation compares them.
 */
function authResults(joined: string | number | null): { dkim: DkimResult[]; spf: SpfResultRow[] } {
  const dkim: DkimResult[] = [];
  const spf: SpfResultRow[] = [];
  const rows = storedAuthResults(joined).sort(compareRows);
  for (const [method, domain, selector, scope, result] of rows) {
    const name = normalizeName(domain);
    const outcome = result.toLowerCase();
    if (method === "dkim") dkim.push({ domain: name, selector, result: outcome });
    else spf.push({ domain: name, scope: scope.toLowerCase(), result: outcome });
  }
  return { dkim, spf };
}

function compareRows(a: StoredAuthResult, b: StoredAuthResult): number {
  for (let i = 0; i < a.length; i++) {
    const order = compareCodePoints(a[i] ?? "", b[i] ?? "");
    if (order !== 0) return order;
  }
  return 0;
}

function mode(value: unknown): "r" | "s" {
  return String(value ?? "").toLowerCase() === "s" ? "s" : "r";
}

/** Parsed reason lists by their stored JSON: a store holds a handful ("[]" nearly always) across every group. */
const overrideTypesRead = new Map<string, string[]>();

/** The override reasons are stored as the JSON list of `{ type, comment }` the parser produced. */
function overrideTypes(json: string): string[] {
  let types = overrideTypesRead.get(json);
  if (types === undefined) {
    types = parseOverrideTypes(json);
    // Bounded: a hostile store could hold a distinct comment in every record.
    if (overrideTypesRead.size < 1000) overrideTypesRead.set(json, types);
  }
  return types;
}

function parseOverrideTypes(json: string): string[] {
  try {
    const reasons = JSON.parse(json) as { type?: unknown }[];
    return Array.isArray(reasons)
      ? reasons.map((r) => String(r?.type ?? "").toLowerCase()).filter(Boolean)
      : [];
  } catch {
    return [];
  }
}

/** What makes two records one group (after normalization). */
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
    authKey(g.dkim, g.spf),
  ].join("\u0000");
}

/** The auth results' part of a group key, once per pair of lists: groups share the lists of one joined text (foldSourceRecords). */
const authKeys = new WeakMap<readonly DkimResult[], { spf: readonly SpfResultRow[]; key: string }>();

function authKey(dkim: readonly DkimResult[], spf: readonly SpfResultRow[]): string {
  const known = authKeys.get(dkim);
  if (known?.spf === spf) return known.key;
  const key = [
    dkim.map((d) => `${d.domain}/${d.selector}/${d.result}`).join(","),
    spf.map((s) => `${s.domain}/${s.scope}/${s.result}`).join(","),
  ].join("\u0000");
  authKeys.set(dkim, { spf, key });
  return key;
}
