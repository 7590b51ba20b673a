/**
 * Records are folded into groups by the database (sourceRecordGroups) and then by loadSourceRecords.
 * This pins the result to the fold it replaced — every record and its auth results loaded one row
 * each and folded in record order (`foldRecordByRecord` below, the previous code kept as the
 * reference) — on a generated store full of duplicates: the same results in another order, names
 * differing only in case or a trailing dot, text holding the join's separator and escape, and
 * characters whose UTF-16 order is not their byte order. SQLite always; PostgreSQL when installed.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normalizeName } from "../../src/dns/types.js";
import {
  type DkimResult,
  groupKey,
  loadSourceRecords,
  mode,
  overrideTypes,
  type RecordGroup,
  type SourceRecords,
  type SpfResultRow,
} from "../../src/sources/record-groups.js";
import { PostgresStore } from "../../src/store/postgres/postgres-store.js";
import { SqliteStore } from "../../src/store/sqlite-store.js";
import type { ReportStore } from "../../src/store/store.js";
import { type SummaryFilter, sourceRecordGroups } from "../../src/store/summary-queries.js";
import { compareCodePoints } from "../../src/store/text-order.js";
import { PG_PASSWORD, type PostgresCluster, postgresAvailable, startPostgres } from "../helpers/postgres.js";
import { FILTERS, fillWithDuplicates } from "../store/generated-duplicates.js";

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

describe("source record groups folded in SQL", () => {
  it("equal the record-by-record fold on a generated SQLite store with many duplicates", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mailaudit-record-groups-"));
    const store = new SqliteStore(join(dir, "reports.db"));
    try {
      await fillWithDuplicates(store);
      await expectSameFold(store);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("orders text by code point, as both stores compare bytes", () => {
    expect(compareCodePoints("\u{1F600}", "\uFFFD")).toBeGreaterThan(0);
    expect("\u{1F600}" < "\uFFFD").toBe(true); // what a plain comparison would have said
    expect(compareCodePoints("a", "ab")).toBeLessThan(0);
    expect(compareCodePoints("ab", "ab")).toBe(0);
    expect(compareCodePoints("b", "a")).toBeGreaterThan(0);
  });
});

describe.skipIf(!postgresAvailable())("source record groups folded in SQL (PostgreSQL)", () => {
  let cluster: PostgresCluster | undefined;
  beforeAll(async () => {
    cluster = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    await cluster?.close();
  });

  it("equal the record-by-record fold on the same generated store", async () => {
    if (!cluster) throw new Error("no cluster");
    const url = await cluster.createDatabase("groups");
    process.env.PGPASSWORD = PG_PASSWORD;
    const store = await PostgresStore.open(url);
    delete process.env.PGPASSWORD;
    try {
      await fillWithDuplicates(store);
      await expectSameFold(store);
    } finally {
      await store.close();
    }
  }, 60_000);
});

// The previous implementation, kept as the reference: one row per record, auth results apart.

function where(filter: SummaryFilter): { sql: string; params: (string | number)[] } {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  if (filter.domain !== undefined) {
    clauses.push("p.policy_domain = ?");
    params.push(filter.domain);
  }
  if (filter.since !== undefined) {
    clauses.push("p.end_ts >= ?");
    params.push(filter.since);
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(" AND ")}` : "", params };
}

async function foldRecordByRecord(db: ReportStore, filter: SummaryFilter): Promise<SourceRecords[]> {
  const w = where(filter);
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
