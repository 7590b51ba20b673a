/**
 * Migration 5 (record shapes and per-source sums, src/store/record-shape.ts) gives the records
 * stored before it their shapes and sums: a store at version 4 holding the generated duplicates,
 * once migrated, summarizes to the same document as the store that kept them at ingest, and holds
 * the same sums.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterAll, describe, expect, it } from "vitest";
import { buildSummary } from "../../src/reports/build-summary.js";
import { MIGRATIONS } from "../../src/store/migrations.js";
import { SqliteStore } from "../../src/store/sqlite-store.js";
import { FILTERS, fillWithDuplicates } from "./generated-duplicates.js";

const dir = mkdtempSync(join(tmpdir(), "mailaudit-shape-migration-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SUMS =
  "SELECT s.shape_key, g.source_ip, g.messages, g.records, g.first_record, g.first_begin FROM source_groups g JOIN record_shapes s ON s.id = g.shape ORDER BY 1, 2";

describe("migration 5 from a version 4 store (SQLite)", () => {
  it("gives stored records their shapes and sums: the same summary and sums as ingest keeps", async () => {
    const kept = new SqliteStore(join(dir, "kept.db"));
    await fillWithDuplicates(kept);
    // Version 4 as it was: the first four migrations, and the rows copied without their shapes.
    const old = new DatabaseSync(join(dir, "old.db"));
    for (const migration of MIGRATIONS.slice(0, 4)) old.exec(migration.sqlite);
    old.exec(`PRAGMA user_version = 4; ATTACH '${join(dir, "kept.db")}' AS kept;
      INSERT INTO reports SELECT * FROM kept.reports;
      INSERT INTO records SELECT id, report, source_ip, count, disposition, dkim, spf, reasons, header_from, envelope_from, envelope_to FROM kept.records;
      INSERT INTO auth_results SELECT * FROM kept.auth_results;
      DETACH kept;`);
    old.close();
    const migrated = new SqliteStore(join(dir, "old.db"));
    try {
      expect(Number(migrated.database.prepare("PRAGMA user_version").get()?.user_version)).toBe(
        MIGRATIONS.length,
      );
      expect(
        migrated.database.prepare("SELECT count(*) AS n FROM records WHERE shape IS NULL").get(),
      ).toEqual({
        n: 0,
      });
      const sums = migrated.database.prepare(SUMS).all();
      expect(sums.length).toBeGreaterThan(50);
      expect(sums).toEqual(kept.database.prepare(SUMS).all());
      for (const filter of FILTERS)
        expect(JSON.stringify(await buildSummary(migrated, filter))).toBe(
          JSON.stringify(await buildSummary(kept, filter)),
        );
      // Prune keeps the sums what ingest would have made of the reports left.
      const before = 1_767_225_600 + 10 * 86_400;
      expect(await migrated.prune(before)).toBe(await kept.prune(before));
      expect(migrated.database.prepare(SUMS).all()).toEqual(kept.database.prepare(SUMS).all());
    } finally {
      await migrated.close();
      await kept.close();
    }
  });
});
