import { type StoredAuthResult, storedAuthResults } from "../store/joined-auth-results.js";
import type { Row } from "../store/store.js";
import { compareCodePoints } from "../store/text-order.js";

/**
 * The summary's figures per domain, added up from two passes over the store instead of one query per
 * figure: the per-report sums (`reportTotals`: reports, period, messages, passes, reporters, days) and
 * the source record groups (`sourceRecordGroups`: dispositions, sources, DKIM selectors, raw auth
 * passes). Each list is in the order the per-figure SQL gave (text compared bytewise, as the stores
 * do), so the summary's bytes stay what they were.
 */

export interface DomainTally {
  reports: number;
  begin: number;
  end: number;
  messages: number;
  /** DMARC pass as the receiver evaluated it: aligned DKIM or aligned SPF (policy_evaluated). */
  pass: number;
  dkimAlignedPass: number;
  spfAlignedPass: number;
  /** Messages of records with any passing DKIM / SPF auth result, aligned or not. */
  dkimRawPass: number;
  spfRawPass: number;
  /** By disposition as stored, in its byte order. */
  dispositions: [string, number][];
  /** Most failing messages first, then most messages, then by IP. */
  sources: { ip: string; messages: number; pass: number; firstSeen: number }[];
  /** Most messages first, then by name. */
  reporters: { org: string; reports: number; messages: number; pass: number }[];
  /** Whole days since the epoch of each report's midpoint (as in daily-volumes.ts). */
  days: { day: number; messages: number; pass: number }[];
  /** Selectors of DKIM results that name one; each result counts its record's messages. */
  dkimSelectors: { domain: string; selector: string; messages: number; pass: number }[];
}

/** `firstSeen`: `${domain} ${ip}` → first sighting in the whole store; absent, the groups' own is it. */
export function tallyDomains(
  reports: readonly Row[],
  groups: readonly Row[],
  firstSeen?: ReadonlyMap<string, number>,
): Map<string, DomainTally> {
  const tallies = new Map<string, Building>();
  const tallyOf = (domain: string): Building => {
    let tally = tallies.get(domain);
    if (!tally) {
      tally = emptyTally();
      tallies.set(domain, tally);
    }
    return tally;
  };
  for (const row of reports) addReport(tallyOf(String(row.domain)), row);
  // Few distinct auth texts against many groups: each is read back once (storedAuthResults).
  const read = new Map<string, readonly StoredAuthResult[]>();
  const authOf = (row: Row) => {
    const joined = row.auth === null || row.auth === undefined ? "" : String(row.auth);
    let results = read.get(joined);
    if (!results) {
      results = storedAuthResults(joined);
      read.set(joined, results);
    }
    return results;
  };
  for (const row of groups) addGroup(tallyOf(String(row.domain)), row, authOf(row), firstSeen);
  const done = new Map<string, DomainTally>();
  for (const domain of [...tallies.keys()].sort(compareCodePoints)) {
    done.set(domain, finish(tallies.get(domain) as Building));
  }
  return done;
}

interface Building
  extends Omit<DomainTally, "dispositions" | "sources" | "reporters" | "days" | "dkimSelectors"> {
  dispositions: Map<string, number>;
  sources: Map<string, DomainTally["sources"][number]>;
  reporters: Map<string, DomainTally["reporters"][number]>;
  days: Map<number, DomainTally["days"][number]>;
  dkimSelectors: Map<string, DomainTally["dkimSelectors"][number]>;
}

function emptyTally(): Building {
  return {
    reports: 0,
    begin: Number.POSITIVE_INFINITY,
    end: Number.NEGATIVE_INFINITY,
    messages: 0,
    pass: 0,
    dkimAlignedPass: 0,
    spfAlignedPass: 0,
    dkimRawPass: 0,
    spfRawPass: 0,
    dispositions: new Map(),
    sources: new Map(),
    reporters: new Map(),
    days: new Map(),
    dkimSelectors: new Map(),
  };
}

function addReport(tally: Building, row: Row): void {
  const begin = Number(row.begin);
  const end = Number(row.end);
  const messages = Number(row.messages);
  const pass = Number(row.pass);
  tally.reports += 1;
  tally.begin = Math.min(tally.begin, begin);
  tally.end = Math.max(tally.end, end);
  tally.messages += messages;
  tally.pass += pass;
  tally.dkimAlignedPass += Number(row.dkim_aligned_pass);
  tally.spfAlignedPass += Number(row.spf_aligned_pass);
  const org = String(row.org);
  const reporter = tally.reporters.get(org) ?? { org, reports: 0, messages: 0, pass: 0 };
  tally.reporters.set(org, reporter);
  reporter.reports += 1;
  reporter.messages += messages;
  reporter.pass += pass;
  // A report without records puts no day on the chart (the days span the days that have mail).
  if (Number(row.records) === 0) return;
  // Integer division as both stores do it: truncated, of the midpoint in whole seconds.
  const day = Math.trunc(Math.trunc((begin + end) / 2) / 86_400);
  const counted = tally.days.get(day) ?? { day, messages: 0, pass: 0 };
  tally.days.set(day, counted);
  counted.messages += messages;
  counted.pass += pass;
}

function addGroup(
  tally: Building,
  row: Row,
  auth: readonly StoredAuthResult[],
  firstSeen: ReadonlyMap<string, number> | undefined,
): void {
  const messages = Number(row.messages);
  const passed = row.dkim === "pass" || row.spf === "pass";
  const disposition = String(row.disposition);
  tally.dispositions.set(disposition, (tally.dispositions.get(disposition) ?? 0) + messages);

  const ip = String(row.ip);
  const seen = firstSeen?.get(`${row.domain} ${ip}`) ?? Number(row.first_begin);
  const source = tally.sources.get(ip) ?? { ip, messages: 0, pass: 0, firstSeen: seen };
  tally.sources.set(ip, source);
  source.messages += messages;
  if (passed) source.pass += messages;
  source.firstSeen = Math.min(source.firstSeen, seen);

  let dkimPass = false;
  let spfPass = false;
  for (const [method, domain, selector, , result] of auth) {
    if (method === "dkim") {
      dkimPass ||= result === "pass";
      if (selector === "") continue;
      const key = `${domain.length}:${domain}${selector}`;
      const counted = tally.dkimSelectors.get(key) ?? { domain, selector, messages: 0, pass: 0 };
      tally.dkimSelectors.set(key, counted);
      counted.messages += messages;
      if (result === "pass") counted.pass += messages;
    } else if (method === "spf") spfPass ||= result === "pass";
  }
  if (dkimPass) tally.dkimRawPass += messages;
  if (spfPass) tally.spfRawPass += messages;
}

function finish(tally: Building): DomainTally {
  const fail = (s: { messages: number; pass: number }) => s.messages - s.pass;
  return {
    ...tally,
    dispositions: [...tally.dispositions].sort(([a], [b]) => compareCodePoints(a, b)),
    sources: [...tally.sources.values()].sort(
      (a, b) => fail(b) - fail(a) || b.messages - a.messages || compareCodePoints(a.ip, b.ip),
    ),
    reporters: [...tally.reporters.values()].sort(
      (a, b) => b.messages - a.messages || compareCodePoints(a.org, b.org),
    ),
    days: [...tally.days.values()].sort((a, b) => a.day - b.day),
    dkimSelectors: [...tally.dkimSelectors.values()].sort(
      (a, b) =>
        b.messages - a.messages ||
        compareCodePoints(a.domain, b.domain) ||
        compareCodePoints(a.selector, b.selector),
    ),
  };
}
