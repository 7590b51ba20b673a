/**
 * The summary's day series (`days`) and the page's volume by kind of sender, from a store filled in
 * process: which day a report counts on, days without mail, a hostile date range, and stacks that
 * add up to each day's mail whichever way the sources are classified.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dailyVolumes, volumesByClass } from "../../src/reports/daily-volumes.js";
import type { ClassifiedSource } from "../../src/reports/source-class.js";
import { type DomainSummary, MAX_SERIES_DAYS, summarize } from "../../src/reports/summary.js";
import type { ReportRecord } from "../../src/reports/types.js";
import { SqliteStore } from "../../src/store/sqlite-store.js";
import { expectPublishedFigures } from "../helpers/doc-figures.js";

const DAY = 86_400;
const OCT_1 = Date.UTC(2026, 9, 1) / 1000;

let dir: string;
let store: SqliteStore;
let seq = 0;

function record(ip: string, count: number, pass: boolean): ReportRecord {
  const result = pass ? "pass" : "fail";
  return {
    sourceIp: ip,
    count,
    disposition: "none",
    dkim: result,
    spf: result,
    reasons: [],
    headerFrom: "a.test",
    envelopeFrom: "a.test",
    envelopeTo: "",
    dkimResults: [],
    spfResults: [],
  };
}

async function store1(domain: string, begin: number, end: number, records: ReportRecord[]) {
  const tx = store.startReport(
    {
      schema: "rfc7489",
      version: "1.0",
      metadata: { orgName: "r.test", email: "r@r.test", reportId: `id-${seq++}`, begin, end, errors: [] },
      policy: { domain, p: "none" },
    },
    "test",
  );
  if (tx === "duplicate") throw new Error("duplicate");
  for (const r of records) tx.add(r);
  await tx.commit({ records: records.length, messages: records.reduce((t, r) => t + r.count, 0) }, undefined);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mailaudit-summary-days-"));
  store = new SqliteStore(join(dir, "s.db"));
  // a.test: Oct 1 (UTC day), Oct 2 08:00 to Oct 3 08:00 (counts on Oct 2), nothing on Oct 3 or 4, Oct 5.
  await store1("a.test", OCT_1, OCT_1 + DAY - 1, [
    record("192.0.2.1", 10, true),
    record("192.0.2.9", 3, false),
  ]);
  await store1("a.test", OCT_1 + DAY + 8 * 3600, OCT_1 + 2 * DAY + 8 * 3600 - 1, [
    record("192.0.2.1", 7, true),
    record("198.51.100.4", 3, true),
  ]);
  await store1("a.test", OCT_1 + 4 * DAY, OCT_1 + 5 * DAY, [
    record("192.0.2.1", 5, true),
    record("192.0.2.1", 1, false),
    record("192.0.2.9", 2, false),
    record("198.51.100.4", 4, false),
  ]);
  // b.test: one report claiming 1970 to the year 33658 (12 digits of seconds), one ordinary.
  await store1("b.test", 0, 999_999_999_999, [record("203.0.113.1", 1, false)]);
  await store1("b.test", OCT_1, OCT_1 + DAY - 1, [record("203.0.113.2", 2, true)]);
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const domainOf = async (name: string) =>
  (await summarize(store, { domain: name })).domains[0] as DomainSummary;

describe("summary days", () => {
  it("has every day from the first with mail to the last, a report counted on its midpoint's day", async () => {
    const a = await domainOf("a.test");
    expect(a.days).toEqual([
      { date: "2026-10-01", messages: 13, pass: 10 },
      { date: "2026-10-02", messages: 10, pass: 10 },
      { date: "2026-10-03", messages: 0, pass: 0 },
      { date: "2026-10-04", messages: 0, pass: 0 },
      { date: "2026-10-05", messages: 12, pass: 5 },
    ]);
    expect(a.days.reduce((t, d) => t + d.messages, 0)).toBe(a.messages);
  });

  it("keeps --since: the days of the reports ending on or after it", async () => {
    const summary = await summarize(store, { domain: "a.test", since: OCT_1 + 3 * DAY });
    expect(summary.domains[0]?.days.map((d) => d.date)).toEqual(["2026-10-05"]);
  });

  it("caps a series a hostile date range would make millions of days long, keeping the latest days", async () => {
    const b = await domainOf("b.test");
    expect(b.days).toHaveLength(MAX_SERIES_DAYS);
    expect(b.days.at(-1)?.messages).toBe(1); // the hostile report's midpoint, in the year 17814
    expect(b.messages).toBe(3); // the totals still count everything
    expectPublishedFigures({ "reports.maxSeriesDays": b.days.length });
  });
});

describe("messages per day by kind of sender", () => {
  it("without classification: passing and failing mail, adding up to each day", async () => {
    const a = await domainOf("a.test");
    const { series, days } = volumesByClass(a, undefined);
    expect(series.map((s) => s.key)).toEqual(["pass", "fail"]);
    expect(days.map((d) => d.values)).toEqual(a.days.map((d) => [d.pass, d.messages - d.pass]));
  });

  it("with classification: passing mail is aligned, failing mail goes under its source's class", async () => {
    const a = await domainOf("a.test");
    // 192.0.2.1 is aligned but sent one forwarded message; 198.51.100.4 was fixed on Oct 2.
    const explained: Record<string, Partial<ClassifiedSource>> = {
      "192.0.2.1": { class: "aligned", messagesByClass: { aligned: 12, forwarded: 1 } },
      "192.0.2.9": { class: "unauthorized", messagesByClass: { unauthorized: 5 } },
      "198.51.100.4": {
        class: "authorized-unaligned",
        messagesByClass: { "authorized-unaligned": 4, aligned: 3 },
      },
    };
    const classified: DomainSummary = {
      ...a,
      sources: a.sources.map((s) => ({ ...s, ...explained[s.ip] }) as ClassifiedSource),
    };
    const volumes = (await dailyVolumes(store, { domain: "a.test" })).get("a.test");
    // Only failing mail is fetched per source and day.
    expect([...(volumes?.keys() ?? [])].sort()).toEqual(["192.0.2.1", "192.0.2.9", "198.51.100.4"]);
    const { series, days } = volumesByClass(classified, volumes);
    expect(series.map((s) => s.key)).toEqual([
      "aligned",
      "forwarded",
      "authorized-unaligned",
      "unauthorized",
    ]);
    expect(days.map((d) => d.values)).toEqual([
      [10, 0, 0, 3],
      [10, 0, 0, 0], // the fixed sender's mail passes: aligned
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [5, 1, 4, 2],
    ]);
    days.forEach((day, i) => {
      expect(day.values.reduce((t, v) => t + v, 0)).toBe(a.days[i]?.messages);
    });
    expect(days.reduce((t, d) => t + (d.values[0] ?? 0), 0)).toBe(a.pass);
  });
});
