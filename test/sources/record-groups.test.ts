/**
 * Records are folded into groups by the database (sourceRecordGroups) and then by loadSourceRecords.
 * This pins the result to the fold it replaced — every record and its auth results loaded one row
 * each and folded in record order (`foldRecordByRecord` below, the previous code kept as the
 * reference) — on a generated store full of duplicates: the same results in another order, names
 * differing only in case or a trailing dot, text holding the join's separator and escape, and
 * characters whose UTF-16 order is not their byte order. SQLite always; PostgreSQL when installed.
 */
import { describe, expect, it } from "vitest";
import { normalizeName } from "../../src/dns/types.js";
import {
  type DkimResult,
  loadSourceRecords,
  SourceFolder,
  type SourceRecords,
  type SpfResultRow,
} from "../../src/sources/record-groups.js";
import type { ReportStore } from "../../src/store/store.js";
import { filterSql, type SummaryFilter, sourceRecordGroups } from "../../src/store/summary-queries.js";
import { compareCodePoints } from "../../src/store/text-order.js";
import { FILTERS, onGeneratedStores } from "../store/generated-duplicates.js";

async function expectSameFold(store: ReportStore): Promise<void> {
  for (const filter of FILTERS) {
    const grouped = await loadSourceRecords(store, filter);
    const reference = await foldRecordByRecord(store, filter);
    expect(grouped).toEqual(reference);
    // Duplicates were folded: many records per group, and groups the database alone kept apart.
    const groups = reference.flatMap((s) => s.groups);
    expect(groups.reduce((n, g) => n + g.records, 0)).toBeGreaterThan(groups.length * 3);
    expect((await sourceRecordGroups(store, filter)).length).toBeGreaterThan(groups.length);
  }
}

onGeneratedStores(
  "source record groups folded in SQL",
  "equal the record-by-record fold on a generated store with many duplicates",
  expectSameFold,
);

describe("text order", () => {
  it("orders text by code point, as both stores compare bytes", () => {
    expect(compareCodePoints("\u{1F600}", "\uFFFD")).toBeGreaterThan(0);
    expect("\u{1F600}" < "\uFFFD").toBe(true); // what a plain comparison would have said
    expect(compareCodePoints("a", "ab")).toBeLessThan(0);
    expect(compareCodePoints("ab", "ab")).toBe(0);
    expect(compareCodePoints("b", "a")).toBeGreaterThan(0);
  });
});

// The previous implementation, kept as the reference: one row per record, auth results apart.

async function foldRecordByRecord(db: ReportStore, filter: SummaryFilter): Promise<SourceRecords[]> {
  const w = filterSql(filter);
  const rows = await db.select(
    `SELECT r.id AS id, p.policy_domain AS domain, p.org_name AS org, p.adkim AS adkim, p.aspf AS aspf,
            r.source_ip AS ip, r.count AS count, r.disposition AS disposition, r.dkim AS dkim, r.spf AS spf,
            r.reasons AS reasons, r.header_from AS header_from, r.envelope_from AS envelope_from
       FROM reports p JOIN records r ON r.report = p.id ${w.sql}
      ORDER BY r.id`,
    w.params,
  );
  const authRows = await db.select(
    `SELECT a.record AS record, a.method AS method, a.domain AS domain, a.selector AS selector,
            a.scope AS scope, a.result AS result
       FROM reports p JOIN records r ON r.report = p.id JOIN auth_results a ON a.record = r.id ${w.sql}
      ORDER BY a.record, a.method, a.domain, a.selector, a.scope, a.result`,
    w.params,
  );
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
  const folder = new SourceFolder();
  for (const row of rows) {
    folder.add(row, auth.get(Number(row.id)) ?? { dkim: [], spf: [] }, Number(row.count), 1);
  }
  return folder.sources();
}
