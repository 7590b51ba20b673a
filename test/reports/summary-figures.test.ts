/**
 * The summary's figures are added up from one pass over the reports and one over the source record
 * groups (src/reports/summary-tallies.ts). This pins them to the per-figure SQL they replaced (kept
 * below as the reference, as it was) on a generated store full of duplicates, reports without
 * records and periods sharing days, with and without `--domain` / `--since`: SQLite always,
 * PostgreSQL when installed.
 */
import { describe, expect, it } from "vitest";
import { summarize } from "../../src/reports/summary.js";
import { tallyDomains } from "../../src/reports/summary-tallies.js";
import type { ReportStore, Row } from "../../src/store/store.js";
import { filterSql, type SummaryFilter } from "../../src/store/summary-queries.js";
import { FILTERS, onGeneratedStores } from "../store/generated-duplicates.js";

async function expectSameFigures(store: ReportStore): Promise<void> {
  for (const filter of FILTERS) {
    const summary = await summarize(store, filter);
    const reference = await referenceFigures(store, filter);
    const days = Object.fromEntries(
      summary.domains.map((d) => [
        d.domain,
        d.days.filter((day) => day.date in (reference.days[d.domain] ?? {})),
      ]),
    );
    expect({
      domains: summary.domains.map((d) => ({
        domain: d.domain,
        reports: d.reports,
        messages: d.messages,
        pass: d.pass,
        period: d.period,
        aligned: d.aligned,
        raw: d.raw,
        dispositions: d.dispositions,
        sources: d.sources,
        reporters: d.reporters,
        dkimSelectors: d.dkimSelectors,
      })),
      days,
    }).toEqual({
      domains: reference.domains,
      days: Object.fromEntries(
        Object.entries(reference.days).map(([domain, byDate]) => [
          domain,
          Object.entries(byDate).map(([date, counts]) => ({ date, ...counts })),
        ]),
      ),
    });
    // Days without a report's midpoint in them are on the chart at zero, between the first and the last.
    for (const d of summary.domains) {
      const counted = reference.days[d.domain] ?? {};
      const dates = Object.keys(counted);
      if (dates.length > 0) expect([d.days[0]?.date, d.days.at(-1)?.date]).toEqual([dates[0], dates.at(-1)]);
      for (const day of d.days) if (!(day.date in counted)) expect([day.messages, day.pass]).toEqual([0, 0]);
    }
    // The store is what it should be: several domains, sources, reporters, selectors, dispositions.
    expect(summary.domains.length).toBeGreaterThan(0);
    if (filter.domain === undefined) {
      expect(summary.domains.some((d) => d.sources.length > 3 && d.dkimSelectors.length > 3)).toBe(true);
    }
  }
}

onGeneratedStores(
  "summary figures from one pass over reports and source groups",
  "equal the per-figure SQL they replaced",
  expectSameFigures,
);

describe("summary tallies", () => {
  it("break ties by text in byte order, as the stores sort, not in UTF-16 order", () => {
    // U+FFFD is EF BF BD in UTF-8, U+1F600 is F0 9F 98 80: the stores put U+FFFD first; JavaScript's
    // `<` would not (U+1F600 is the surrogate pair D83D DE00).
    const group = (ip: string, auth: string) => ({
      domain: "example.com",
      ip,
      disposition: "none",
      dkim: "fail",
      spf: "fail",
      auth,
      messages: 5,
      records: 1,
      first_begin: 0,
    });
    const report = (org: string) => ({
      domain: "example.com",
      org,
      begin: 0,
      end: 86_399,
      records: 1,
      messages: 5,
      pass: 0,
      dkim_aligned_pass: 0,
      spf_aligned_pass: 0,
    });
    // One failing DKIM result of `domain`, selector s, as sourceRecordGroups joins it.
    const joined = (domain: string) =>
      `dkim${[domain, "s", "", "fail"].map((f) => `${Buffer.byteLength(f)}:${f}`).join("")}`;
    const tally = tallyDomains(
      [report("\u{1F600}"), report("\uFFFD")],
      [group("\u{1F600}", joined("\u{1F600}")), group("\uFFFD", joined("\uFFFD"))],
    ).get("example.com");
    expect(tally?.sources.map((s) => s.ip)).toEqual(["\uFFFD", "\u{1F600}"]);
    expect(tally?.reporters.map((r) => r.org)).toEqual(["\uFFFD", "\u{1F600}"]);
    expect(tally?.dkimSelectors.map((s) => s.domain)).toEqual(["\uFFFD", "\u{1F600}"]);
  });
});

// The per-figure SQL as it was before the single pass, and the figures the summary made of it.

const PASS = "(r.dkim = 'pass' OR r.spf = 'pass')";

const isoDate = (seconds: number) => new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
const byDomain = (rows: Row[]) => {
  const grouped = new Map<string, Row[]>();
  for (const row of rows) grouped.set(String(row.domain), [...(grouped.get(String(row.domain)) ?? []), row]);
  return grouped;
};

async function referenceFigures(db: ReportStore, filter: SummaryFilter) {
  const w = filterSql(filter);
  const totals = await db.select(
    `SELECT p.policy_domain AS domain, count(DISTINCT p.id) AS reports, min(p.begin_ts) AS begin, max(p.end_ts) AS end,
            coalesce(sum(r.count), 0) AS messages,
            coalesce(sum(CASE WHEN ${PASS} THEN r.count ELSE 0 END), 0) AS pass,
            coalesce(sum(CASE WHEN r.dkim = 'pass' THEN r.count ELSE 0 END), 0) AS dkim_aligned_pass,
            coalesce(sum(CASE WHEN r.spf = 'pass' THEN r.count ELSE 0 END), 0) AS spf_aligned_pass,
            coalesce(sum(CASE WHEN EXISTS (SELECT 1 FROM auth_results a WHERE a.record = r.id AND a.method = 'dkim' AND a.result = 'pass')
                          THEN r.count ELSE 0 END), 0) AS dkim_raw_pass,
            coalesce(sum(CASE WHEN EXISTS (SELECT 1 FROM auth_results a WHERE a.record = r.id AND a.method = 'spf' AND a.result = 'pass')
                          THEN r.count ELSE 0 END), 0) AS spf_raw_pass
       FROM reports p LEFT JOIN records r ON r.report = p.id ${w.sql}
      GROUP BY p.policy_domain ORDER BY p.policy_domain`,
    w.params,
  );
  const dispositions = byDomain(
    await db.select(
      `SELECT p.policy_domain AS domain, r.disposition AS disposition, sum(r.count) AS messages
         FROM reports p JOIN records r ON r.report = p.id ${w.sql}
        GROUP BY p.policy_domain, r.disposition ORDER BY p.policy_domain, r.disposition`,
      w.params,
    ),
  );
  const domainOnly =
    filter.domain === undefined ? { sql: "", params: [] } : filterSql({ domain: filter.domain });
  const firstSeen = new Map(
    (
      await db.select(
        `SELECT p.policy_domain AS domain, r.source_ip AS ip, min(p.begin_ts) AS first_seen
           FROM reports p JOIN records r ON r.report = p.id ${domainOnly.sql}
          GROUP BY p.policy_domain, r.source_ip`,
        domainOnly.params,
      )
    ).map((row) => [`${row.domain} ${row.ip}`, Number(row.first_seen)]),
  );
  const sources = byDomain(
    await db.select(
      `SELECT p.policy_domain AS domain, r.source_ip AS ip, sum(r.count) AS messages,
              sum(CASE WHEN ${PASS} THEN r.count ELSE 0 END) AS pass
         FROM reports p JOIN records r ON r.report = p.id ${w.sql}
        GROUP BY p.policy_domain, r.source_ip
        ORDER BY p.policy_domain, (sum(r.count) - sum(CASE WHEN ${PASS} THEN r.count ELSE 0 END)) DESC, sum(r.count) DESC, r.source_ip`,
      w.params,
    ),
  );
  const reporters = byDomain(
    await db.select(
      `SELECT p.policy_domain AS domain, p.org_name AS org, count(DISTINCT p.id) AS reports, coalesce(sum(r.count), 0) AS messages,
              coalesce(sum(CASE WHEN ${PASS} THEN r.count ELSE 0 END), 0) AS pass
         FROM reports p LEFT JOIN records r ON r.report = p.id ${w.sql}
        GROUP BY p.policy_domain, p.org_name ORDER BY p.policy_domain, messages DESC, p.org_name`,
      w.params,
    ),
  );
  const selectors = byDomain(
    await db.select(
      `SELECT p.policy_domain AS domain, a.domain AS signing_domain, a.selector AS selector, sum(r.count) AS messages,
              sum(CASE WHEN a.result = 'pass' THEN r.count ELSE 0 END) AS pass
         FROM reports p JOIN records r ON r.report = p.id JOIN auth_results a ON a.record = r.id AND a.method = 'dkim' ${w.sql}
        ${w.sql ? "AND" : "WHERE"} a.selector <> ''
        GROUP BY p.policy_domain, a.domain, a.selector ORDER BY p.policy_domain, messages DESC, a.domain, a.selector`,
      w.params,
    ),
  );
  const daily = byDomain(
    await db.select(
      `SELECT p.policy_domain AS domain, (p.begin_ts + p.end_ts) / 2 / 86400 AS day, sum(r.count) AS messages,
              sum(CASE WHEN ${PASS} THEN r.count ELSE 0 END) AS pass
         FROM reports p JOIN records r ON r.report = p.id ${w.sql}
        GROUP BY p.policy_domain, (p.begin_ts + p.end_ts) / 2 / 86400 ORDER BY p.policy_domain, day`,
      w.params,
    ),
  );
  const domains = totals.map((row) => {
    const domain = String(row.domain);
    return {
      domain,
      reports: Number(row.reports),
      messages: Number(row.messages),
      pass: Number(row.pass),
      period: { begin: isoDate(Number(row.begin)), end: isoDate(Number(row.end)) },
      aligned: { dkimPass: Number(row.dkim_aligned_pass), spfPass: Number(row.spf_aligned_pass) },
      raw: { dkimPass: Number(row.dkim_raw_pass), spfPass: Number(row.spf_raw_pass) },
      dispositions: Object.fromEntries(
        (dispositions.get(domain) ?? []).map((r) => [
          String(r.disposition) || "unspecified",
          Number(r.messages),
        ]),
      ),
      sources: (sources.get(domain) ?? []).map((r) => {
        const seen = firstSeen.get(`${domain} ${r.ip}`) ?? 0;
        return {
          ip: String(r.ip),
          messages: Number(r.messages),
          pass: Number(r.pass),
          fail: Number(r.messages) - Number(r.pass),
          firstSeen: isoDate(seen),
          isNew: filter.since !== undefined && seen >= filter.since,
        };
      }),
      reporters: (reporters.get(domain) ?? []).map((r) => ({
        org: String(r.org),
        reports: Number(r.reports),
        messages: Number(r.messages),
        pass: Number(r.pass),
        fail: Number(r.messages) - Number(r.pass),
      })),
      dkimSelectors: (selectors.get(domain) ?? []).map((r) => ({
        domain: String(r.signing_domain),
        selector: String(r.selector),
        messages: Number(r.messages),
        pass: Number(r.pass),
      })),
    };
  });
  const days: Record<string, Record<string, { messages: number; pass: number }>> = {};
  for (const [domain, rows] of daily) {
    days[domain] = Object.fromEntries(
      rows.map((r) => [
        new Date(Number(r.day) * 86_400_000).toISOString().slice(0, 10),
        { messages: Number(r.messages), pass: Number(r.pass) },
      ]),
    );
  }
  return { domains, days };
}
