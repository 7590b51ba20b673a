/**
 * The summary's sums (src/store/summary-sums.ts) are folded in by each summary from the reports that
 * arrived since the last one. Whatever the steps — folds between reports, folds racing on two
 * connections, a prune after a fold — every figure a summary shows must be what one fold of the
 * reports in the store gives. (That one fold equals the per-record SQL it replaced is pinned by
 * test/reports/summary-figures.test.ts and test/sources/record-groups.test.ts.) On the generated
 * store full of duplicates; SQLite always, PostgreSQL when installed.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { buildSummary } from "../../src/reports/build-summary.js";
import { dailyVolumes } from "../../src/reports/daily-volumes.js";
import { loadSourceRecords } from "../../src/sources/record-groups.js";
import { BUSY_TIMEOUT_VARIABLE } from "../../src/store/busy-timeout.js";
import { SqliteStore } from "../../src/store/sqlite-store.js";
import type { ReportStore } from "../../src/store/store.js";
import { StoreBusyError } from "../../src/store/store-error.js";
import { FOLD_BATCH_RECORDS } from "../../src/store/summary-sums.js";
import { expectPublishedFigures } from "../helpers/doc-figures.js";
import { runCli } from "../helpers/run-cli.js";
import { FILTERS, fillWithDuplicates, GENERATED_REPORTS, onEmptyStores } from "./generated-duplicates.js";

/**
 * Everything the summary shows, for each filter: the document, the page's failing mail per source
 * and day, and the sources' record groups in the order of their first records.
 */
async function shown(store: ReportStore) {
  const figures = [];
  for (const filter of FILTERS) {
    const volumes = await dailyVolumes(store, filter);
    figures.push({
      filter,
      summary: await buildSummary(store, filter),
      groups: await loadSourceRecords(store, filter),
      volumes: [...volumes].map(([domain, bySource]) => [
        domain,
        [...bySource].map(([ip, byDay]) => [ip, [...byDay]]),
      ]),
    });
  }
  return figures;
}

/** A new store holding the generated reports twice, folded once at the end by its first summary. */
async function foldedOnce(fresh: () => Promise<ReportStore>): Promise<ReportStore> {
  const store = await fresh();
  await fillTwice(store);
  return store;
}

/**
 * The generated reports, then the same again under other ids: every group of records spans reports
 * of both, so a fold adds to sums an earlier one made.
 */
async function fillTwice(store: ReportStore, afterReport?: (i: number) => Promise<void>): Promise<void> {
  await fillWithDuplicates(store, afterReport ? { afterReport } : {});
  await fillWithDuplicates(store, { idPrefix: "again-", ...(afterReport ? { afterReport } : {}) });
}

/** Rows of the sums left without their report (prune must take them along). */
async function orphanSums(store: ReportStore): Promise<number> {
  const [row] = await store.select(
    `SELECT (SELECT count(*) FROM report_sums s WHERE NOT EXISTS (SELECT 1 FROM reports p WHERE p.id = s.report))
          + (SELECT count(*) FROM failing_sources f WHERE NOT EXISTS (SELECT 1 FROM reports p WHERE p.id = f.report))
          AS n`,
    [],
  );
  return Number(row?.n);
}

onEmptyStores("summary sums folded as reports arrive", {
  "folded every few reports, they equal one fold of them all": async (store, { fresh }) => {
    const folded: number[] = [];
    await fillTwice(store, async (i) => {
      if (i % 7 === 6) folded.push(await store.foldSummarySums());
    });
    // Each fold took exactly the reports stored since the one before.
    expect(folded).toEqual([7, 7, 7, 7, 7, 7 + GENERATED_REPORTS - 35, 7, 7, 7, 7]);
    expect(await store.foldSummarySums()).toBe(GENERATED_REPORTS - 35);
    expect(await store.foldSummarySums()).toBe(0);
    const reference = await shown(await foldedOnce(fresh));
    expect(reference[0]?.summary.domains.length).toBeGreaterThan(1);
    expect(await shown(store)).toEqual(reference);
  },

  "folded in batches of a few dozen records, they equal one fold of them all": async (store, { fresh }) => {
    await fillTwice(store);
    // Reports hold 0 or 30 records: a budget of 50 takes one or two per transaction (the first whatever its size).
    expect(await store.foldSummarySums(50)).toBe(2 * GENERATED_REPORTS);
    expect(await store.foldSummarySums(50)).toBe(0);
    expect(await shown(store)).toEqual(await shown(await foldedOnce(fresh)));
  },

  "two connections folding at once fold each report once": async (store, { another, fresh }) => {
    await fillTwice(store);
    const second = await another();
    // Small batches: the two take turns batch by batch (PostgreSQL), each finding what the other left.
    const counts = await Promise.all([store.foldSummarySums(50), second.foldSummarySums(50)]);
    expect(counts[0] + counts[1]).toBe(2 * GENERATED_REPORTS);
    expect(await shown(second)).toEqual(await shown(await foldedOnce(fresh)));
  },

  "pruned after a fold, they are those of the reports left": async (store, { fresh }) => {
    await fillTwice(store);
    expect(await store.foldSummarySums()).toBe(2 * GENERATED_REPORTS);
    const before = 1_767_225_600 + 15 * 86_400;
    const pruned = await store.prune(before);
    expect(pruned).toBeGreaterThan(5);
    expect(await orphanSums(store)).toBe(0);
    // The reference prunes before its first summary: nothing of the pruned reports was ever folded.
    const reference = await fresh();
    await fillTwice(reference);
    expect(await reference.prune(before)).toBe(pruned);
    expect(await shown(store)).toEqual(await shown(reference));
  },
});

describe("summary sums folded under SQLite's write lock", () => {
  it("docs/store.md publishes the records folded per transaction the code uses", () => {
    expectPublishedFigures({ "store.foldBatchRecords": FOLD_BATCH_RECORDS });
  });

  it("a fold waiting on another writer past the busy timeout is exit 3's store-busy error, folding nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mailaudit-sums-"));
    const file = join(dir, "reports.db");
    process.env[BUSY_TIMEOUT_VARIABLE] = "0.2";
    const store = new SqliteStore(file);
    const other = new DatabaseSync(file);
    try {
      await fillWithDuplicates(store);
      other.exec("BEGIN IMMEDIATE");
      await expect(store.foldSummarySums()).rejects.toThrow(StoreBusyError);
      await expect(store.foldSummarySums()).rejects.toThrow(/locked by another process for over 0.2 s/);
      other.exec("ROLLBACK");
      expect(await store.foldSummarySums()).toBe(GENERATED_REPORTS);
    } finally {
      delete process.env[BUSY_TIMEOUT_VARIABLE];
      other.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("each report is folded once: both print what one summary alone prints", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mailaudit-sums-"));
    try {
      const [racing, alone] = [join(dir, "racing.db"), join(dir, "alone.db")];
      for (const file of [racing, alone]) {
        const store = new SqliteStore(file);
        await fillTwice(store);
        await store.close();
      }
      const summary = (db: string) => runCli(["reports", "summary", "--db", db, "-f", "json", "--no-dns"]);
      const [first, second] = await Promise.all([summary(racing), summary(racing)]);
      const reference = await summary(alone);
      expect(reference.exitCode, reference.stderr).toBe(0);
      expect(JSON.parse(reference.stdout).domains.length).toBeGreaterThan(1);
      expect([first.exitCode, second.exitCode]).toEqual([0, 0]);
      expect(first.stdout).toBe(reference.stdout);
      expect(second.stdout).toBe(reference.stdout);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
