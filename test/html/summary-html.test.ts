/**
 * The summary page for the edges a browser test does not reach: nothing stored, a domain whose
 * reports hold no records, and the verdict's three words from classes alone.
 */
import { describe, expect, it } from "vitest";
import type { DomainSummary, SourceSummary } from "../../src/reports/summary.js";
import { formatSummaryHtml } from "../../src/reports/summary-html.js";
import { domainVerdict } from "../../src/reports/summary-verdict.js";

function domain(overrides: Partial<DomainSummary>): DomainSummary {
  return {
    domain: "a.test",
    reports: 1,
    messages: 0,
    pass: 0,
    fail: 0,
    failPercent: 0,
    period: { begin: "2026-10-01T00:00:00Z", end: "2026-10-02T23:59:59Z" },
    aligned: { dkimPass: 0, spfPass: 0 },
    raw: { dkimPass: 0, spfPass: 0 },
    dispositions: {},
    sources: [],
    newSources: [],
    reporters: [],
    dkimSelectors: [],
    readiness: { policy: "none", next: "quarantine", wouldFailPercent: 0, ready: false, blockers: [] },
    days: [
      { date: "2026-10-01", messages: 0, pass: 0 },
      { date: "2026-10-02", messages: 0, pass: 0 },
    ],
    ...overrides,
  };
}

function source(ip: string, messages: number, pass: number, cls: SourceSummary["class"]): SourceSummary {
  return {
    ip,
    messages,
    pass,
    fail: messages - pass,
    firstSeen: "2026-10-01T00:00:00Z",
    isNew: false,
    class: cls,
  };
}

describe("summary page edges", () => {
  it("says so when nothing is stored", () => {
    const page = formatSummaryHtml({ schemaVersion: 1, since: null, domains: [] });
    expect(page).toContain("No reports stored for this selection.");
    expect(page).toContain("Content-Security-Policy");
  });

  it("shows a domain whose reports hold no records: no messages, a tick per day, no line", () => {
    const page = formatSummaryHtml({ schemaVersion: 1, since: null, domains: [domain({})] });
    expect(page).toContain('data-verdict="warn">no messages reported<');
    expect(page.match(/<line class="nodata"/g)).toHaveLength(2);
    expect(page).not.toContain('class="rate"');
  });
});

describe("verdict", () => {
  const classified = (sources: SourceSummary[], policy: string) => {
    const messages = sources.reduce((t, s) => t + s.messages, 0);
    const pass = sources.reduce((t, s) => t + s.pass, 0);
    return domain({
      messages,
      pass,
      fail: messages - pass,
      sources,
      readiness: {
        policy,
        next: policy === "reject" ? null : "quarantine",
        wouldFailPercent: 0,
        ready: false,
        blockers: [],
      },
    });
  };

  it("is bad when a sender of the domain's own fails alignment with enough mail", () => {
    const v = domainVerdict(
      classified(
        [source("192.0.2.1", 990, 990, "aligned"), source("192.0.2.2", 10, 0, "authorized-unaligned")],
        "reject",
      ),
    );
    expect([v.tone, v.badge]).toEqual(["bad", "your own mail fails DMARC"]);
  });

  it("counts an unclassified sender as possibly the domain's own", () => {
    const v = domainVerdict(
      classified([source("192.0.2.1", 990, 990, "aligned"), source("192.0.2.3", 10, 0, null)], "none"),
    );
    expect(v.tone).toBe("bad");
  });

  it("warns when only spoofing fails and p=none lets it through; fine once the policy refuses it", () => {
    const sources = [source("192.0.2.1", 900, 900, "aligned"), source("203.0.113.9", 100, 0, "unauthorized")];
    expect(domainVerdict(classified(sources, "none"))).toMatchObject({
      tone: "warn",
      badge: "spoofing gets through",
    });
    expect(domainVerdict(classified(sources, "reject"))).toMatchObject({ tone: "ok", badge: "fine" });
  });

  it("ignores a sender below the readiness share (0.1 % of the mail)", () => {
    const v = domainVerdict(
      classified(
        [source("192.0.2.1", 100_000, 100_000, "aligned"), source("192.0.2.2", 5, 0, "authorized-unaligned")],
        "none",
      ),
    );
    expect(v.tone).toBe("ok");
  });
});
