/**
 * A generated store full of duplicates for the tests that pin the summary's grouped SQL to what it
 * replaced: a few kinds of record stored again and again (auth results reshuffled, counts varying,
 * some 0), names differing only in case or a trailing dot, text holding the auth join's separator
 * and escape, characters whose UTF-16 order is not their byte order, reports without records and
 * reports whose periods start mid-day or span two days. Fixed seed: the same store on every run.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, it } from "vitest";
import type { ReportRecord } from "../../src/reports/types.js";
import { PostgresStore } from "../../src/store/postgres/postgres-store.js";
import { SqliteStore } from "../../src/store/sqlite-store.js";
import type { ReportStore } from "../../src/store/store.js";
import type { SummaryFilter } from "../../src/store/summary-queries.js";
import { PG_PASSWORD, type PostgresCluster, postgresAvailable, startPostgres } from "../helpers/postgres.js";

/** No filter, one domain, and a `since` halfway through the generated reports. */
export const FILTERS: SummaryFilter[] = [
  {},
  { domain: "example.com" },
  { since: 1_767_225_600 + 20 * 86_400 },
];

/** A small fixed-seed generator (xorshift32): the same store on every run. */
function random(seed: number) {
  let state = seed;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  return { next, pick };
}

const DOMAINS = ["example.com", "Example.COM.", "other.example", "%2C.example"];
const NAMES = [
  "example.com",
  "EXAMPLE.com.",
  "mail.example.com",
  "a,b.example",
  "50%.example",
  "x%2Cy.example",
  "",
];
const SELECTORS = ["4:abc", "1:", "12", "s1", "S1", "sel,2", "%", "%25", "\u{1F600}k", "\uFFFDk", ""];
const RESULTS = ["pass", "Pass", "fail", "none", "temperror"];
const SCOPES = ["mfrom", "MFROM", "helo", ""];

function generatedRecords(rnd: ReturnType<typeof random>, n: number): ReportRecord[] {
  const dkimPool = Array.from({ length: 6 }, () => ({
    domain: rnd.pick(NAMES),
    selector: rnd.pick(SELECTORS),
    result: rnd.pick(RESULTS),
  }));
  const spfPool = Array.from({ length: 4 }, () => ({
    domain: rnd.pick(NAMES),
    scope: rnd.pick(SCOPES),
    result: rnd.pick(RESULTS),
  }));
  const some = <T>(pool: readonly T[], max: number): T[] => {
    // Shuffled picks, repeats allowed: the same results stored in another order, or twice.
    const picked = Array.from({ length: Math.floor(rnd.next() * (max + 1)) }, () => rnd.pick(pool));
    return picked.sort(() => rnd.next() - 0.5);
  };
  // A few kinds of record, stored again and again: auth results reshuffled, counts varying.
  const kinds = Array.from({ length: 8 }, () => ({
    sourceIp: rnd.pick([
      "192.0.2.1",
      "192.0.2.2",
      "2001:db8::1",
      "2001:DB8::1",
      "not an ip",
      "\uFFFD",
      "\u{1F600}",
    ]),
    disposition: rnd.pick(["none", "reject", "quarantine", ""]),
    dkim: rnd.pick(["pass", "fail"]),
    spf: rnd.pick(["pass", "fail"]),
    reasons: rnd.pick([[], [{ type: "forwarded", comment: "" }], [{ type: "Mailing_List", comment: "x" }]]),
    headerFrom: rnd.pick(NAMES),
    envelopeFrom: rnd.pick(NAMES),
    envelopeTo: "",
    dkimResults: some(dkimPool, 3),
    spfResults: some(spfPool, 2),
  }));
  return Array.from({ length: n }, () => {
    const kind = rnd.pick(kinds);
    return {
      ...kind,
      count: rnd.next() < 0.05 ? 0 : 1 + Math.floor(rnd.next() * 50),
      dkimResults: [...kind.dkimResults].sort(() => rnd.next() - 0.5),
      spfResults: [...kind.spfResults].sort(() => rnd.next() - 0.5),
    };
  });
}

/** The number of reports fillWithDuplicates stores. */
export const GENERATED_REPORTS = 40;

/**
 * `afterReport(i)` runs once report `i` is committed (e.g. a summary folding the sums midway);
 * `idPrefix` starts each report id, so a store can hold the same reports twice under other ids.
 */
export async function fillWithDuplicates(
  store: ReportStore,
  {
    afterReport = async () => {},
    idPrefix = "r",
  }: { afterReport?: (i: number) => Promise<void>; idPrefix?: string } = {},
): Promise<void> {
  const rnd = random(0x5eed);
  for (let i = 0; i < GENERATED_REPORTS; i++) {
    const begin = 1_767_225_600 + i * 86_400;
    const tx = store.startReport(
      {
        schema: "rfc7489",
        version: "1.0",
        metadata: {
          orgName: rnd.pick(["google.com", "Yahoo", "a,b", "\u{1F600}", "\uFFFD"]),
          email: "dmarc@receiver.example",
          reportId: `${idPrefix}${i}`,
          // Some cover two days, some start mid-day: their midpoints share days with others.
          begin: begin + (i % 4 === 1 ? 25_200 : 0),
          end: begin + (i % 7 === 3 ? 2 * 86_400 : 86_399),
          errors: [],
        },
        policy: {
          domain: rnd.pick(DOMAINS),
          ...rnd.pick([{}, { adkim: "s" }, { aspf: "S" }, { adkim: "r", aspf: "r" }]),
        },
      },
      "generated",
    );
    if (tx === "duplicate") throw new Error("generated a duplicate report");
    // Some reports hold no records at all; some records count no messages.
    const records = i % 13 === 5 ? [] : generatedRecords(rnd, 30);
    for (const record of records) tx.add(record);
    await tx.commit(
      { records: records.length, messages: records.reduce((n, r) => n + r.count, 0) },
      undefined,
    );
    await afterReport(i);
  }
}

/**
 * A test on a store: `another()` opens a second connection to the same store, `fresh()` a new empty
 * store beside it (all closed after the test).
 */
export type StoreCheck = (
  store: ReportStore,
  open: { another: () => Promise<ReportStore>; fresh: () => Promise<ReportStore> },
) => Promise<void>;

/**
 * Runs each check on an empty store of its own, in SQLite, and in PostgreSQL (one throwaway cluster
 * for them all) when its server is installed: `title` names the describe blocks, the keys the tests.
 */
export function onEmptyStores(title: string, checks: Record<string, StoreCheck>) {
  /** `open(n)` opens store n (0: the test's own; each call of `fresh()` makes the next). */
  const run = async (open: (n: number) => Promise<ReportStore>, check: StoreCheck) => {
    const opened: ReportStore[] = [];
    let stores = 0;
    const opening = async (n: number) => {
      const store = await open(n);
      opened.push(store);
      return store;
    };
    try {
      await check(await opening(0), { another: () => opening(0), fresh: () => opening(++stores) });
    } finally {
      for (const store of opened) await store.close();
    }
  };

  describe(title, () => {
    for (const [should, check] of Object.entries(checks)) {
      it(`${should} (SQLite)`, async () => {
        const dir = mkdtempSync(join(tmpdir(), "mailaudit-generated-store-"));
        try {
          await run(async (n) => new SqliteStore(join(dir, `reports${n}.db`)), check);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
    }
  });

  describe.skipIf(!postgresAvailable())(`${title} (PostgreSQL)`, () => {
    let cluster: PostgresCluster | undefined;
    let databases = 0;
    beforeAll(async () => {
      cluster = await startPostgres();
    }, 120_000);
    afterAll(async () => {
      await cluster?.close();
    });

    for (const [should, check] of Object.entries(checks)) {
      it(`${should} (PostgreSQL)`, async () => {
        if (!cluster) throw new Error("no cluster");
        const live = cluster;
        const urls: string[] = [];
        await run(async (n) => {
          urls[n] ??= await live.createDatabase(`generated${++databases}`);
          process.env.PGPASSWORD = PG_PASSWORD;
          try {
            return await PostgresStore.open(urls[n] as string);
          } finally {
            delete process.env.PGPASSWORD;
          }
        }, check);
      }, 60_000);
    }
  });
}

/** Runs `check` on the generated store (fillWithDuplicates) in SQLite, and in PostgreSQL when installed. */
export function onGeneratedStores(
  title: string,
  should: string,
  check: (store: ReportStore) => Promise<void>,
) {
  onEmptyStores(title, {
    [should]: async (store) => {
      await fillWithDuplicates(store);
      await check(store);
    },
  });
}
