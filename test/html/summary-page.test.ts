/**
 * `reports summary -f html` in a real browser (headless Chromium from Debian): the sample reports of
 * fixtures/sample-reports ingested into a fresh store, the page written by the built CLI and opened
 * from a file:// URL. What it shows is read back from the DOM and compared with `-f json` of the same
 * store; a store of hostile reports shows that report data stays text.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DomainSummary, ReportSummary } from "../../src/reports/summary.js";
import { type Chromium, chromiumAvailable, type OpenedPage, startChromium } from "../helpers/chromium.js";
import { FIXTURES_DIR } from "../helpers/fixtures.js";
import { decodePng, inkStatistics } from "../helpers/png.js";
import { runCli } from "../helpers/run-cli.js";

const SAMPLES = join(FIXTURES_DIR, "sample-reports", "reports");
const HOSTILE_ORG = `<script>alert("org")</script>`;
const HOSTILE_ATTR = `"><img src=x onerror=alert(1)>`;

let dir: string;
let browser: Chromium;

async function summaryFiles(db: string, name: string, extra: string[] = []) {
  const json = await runCli(["reports", "summary", "--db", db, "--no-dns", "-f", "json", ...extra]);
  const html = await runCli(["reports", "summary", "--db", db, "--no-dns", "-f", "html", ...extra]);
  expect(json.exitCode).toBe(0);
  expect(html.exitCode).toBe(0);
  const file = join(dir, `${name}.html`);
  writeFileSync(file, html.stdout);
  return { summary: JSON.parse(json.stdout) as ReportSummary, file, html: html.stdout };
}

function xmlText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** A report whose every free-text field a receiver controls is markup or script. */
function hostileReport(org: string, id: string, day: number): Buffer {
  const begin = Date.UTC(2026, 9, day) / 1000;
  return gzipSync(`<?xml version="1.0"?>
<feedback><report_metadata><org_name>${xmlText(org)}</org_name><email>${xmlText(HOSTILE_ATTR)}@x</email>
<report_id>${xmlText(id)}</report_id><date_range><begin>${begin}</begin><end>${begin + 86399}</end></date_range></report_metadata>
<policy_published><domain>evil.test</domain><p>${xmlText(HOSTILE_ATTR)}</p></policy_published>
<record><row><source_ip>192.0.2.1</source_ip><count>5</count><policy_evaluated><disposition>${xmlText(HOSTILE_ORG)}</disposition><dkim>fail</dkim><spf>fail</spf></policy_evaluated></row>
<identifiers><header_from>evil.test</header_from></identifiers>
<auth_results><dkim><domain>${xmlText(HOSTILE_ATTR)}</domain><selector>${xmlText(HOSTILE_ORG)}</selector><result>pass</result></dkim><spf><domain>evil.test</domain><result>fail</result></spf></auth_results></record>
</feedback>`);
}

const number = (text: string | null) => Number((text ?? "").replace(/[,%\s]/g, ""));
const passPercent = (pass: number, messages: number) =>
  messages === 0 ? 0 : Math.round((pass / messages) * 1000) / 10;

async function figures(opened: OpenedPage, scope: string): Promise<Record<string, string>> {
  return opened.page
    .locator(`${scope} [data-figure]`)
    .evaluateAll((nodes) =>
      Object.fromEntries(
        nodes.map((n) => [n.getAttribute("data-figure"), n.querySelector("b")?.textContent ?? ""]),
      ),
    );
}

async function titles(opened: OpenedPage, selector: string): Promise<string[]> {
  return opened.page
    .locator(selector)
    .evaluateAll((nodes) => nodes.map((n) => n.querySelector("title")?.textContent ?? ""));
}

const browserReady = chromiumAvailable();

describe.skipIf(!browserReady)("reports summary -f html in Chromium", () => {
  let sample: Awaited<ReturnType<typeof summaryFiles>>;
  let opened: OpenedPage;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "mailaudit-html-summary-"));
    const db = join(dir, "reports.db");
    const ingest = await runCli(["reports", "ingest", SAMPLES, "--db", db]);
    expect(ingest.exitCode).toBe(0);
    sample = await summaryFiles(db, "sample");
    browser = await startChromium();
    opened = await browser.open(sample.file);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("loads nothing but itself and logs no error", () => {
    expect(opened.foreignRequests).toEqual([]);
    expect(opened.refusedByPolicy).toEqual([]);
    expect(opened.consoleErrors).toEqual([]);
    expect(opened.pageErrors).toEqual([]);
    expect(opened.dialogs).toEqual([]);
    expect(/<script|<link|<img|<iframe|@import|url\(/i.test(sample.html)).toBe(false);
  });

  it("carries a policy that forbids script and network even if markup got in", async () => {
    const policy = await opened.page
      .locator('meta[http-equiv="Content-Security-Policy"]')
      .getAttribute("content");
    expect(policy).toMatch(
      /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=*'; base-uri 'none'; form-action 'none'$/,
    );
    // The same page with markup smuggled in (as if escaping had failed): the browser runs none of it.
    const tampered = join(dir, "tampered.html");
    writeFileSync(
      tampered,
      sample.html.replace(
        "<body>",
        `<body><script>alert("inline")</script><img src="http://192.0.2.1/x.png" onerror="alert('handler')"><style>body{display:none}</style>`,
      ),
    );
    const page = await browser.open(tampered);
    expect(page.dialogs).toEqual([]);
    expect(page.foreignRequests).toEqual([]);
    expect(page.refusedByPolicy).toEqual(["http://192.0.2.1/x.png"]);
    expect(page.consoleErrors.join("\n")).toMatch(/Content Security Policy/);
    expect(await page.page.locator("body").isVisible()).toBe(true);
  });

  it("would notice a page that loads from the network (the check above can fail)", async () => {
    const leaky = join(dir, "leaky.html");
    writeFileSync(leaky, `<!DOCTYPE html><title>x</title><img src="http://192.0.2.1/pixel.png">`);
    const page = await browser.open(leaky);
    expect(page.foreignRequests).toEqual(["http://192.0.2.1/pixel.png"]);
  });

  it("shows the totals across domains of the JSON summary", async () => {
    const domains = sample.summary.domains;
    const messages = domains.reduce((t, d) => t + d.messages, 0);
    const pass = domains.reduce((t, d) => t + d.pass, 0);
    const shown = await figures(opened, "#totals");
    expect(number(shown.domains ?? "")).toBe(domains.length);
    expect(number(shown.messages ?? "")).toBe(messages);
    expect(number(shown["pass-percent"] ?? "")).toBe(passPercent(pass, messages));
    expect(number(shown.fail ?? "")).toBe(messages - pass);
    expect(number(shown.reports ?? "")).toBe(domains.reduce((t, d) => t + d.reports, 0));
    expect(number(shown.sources ?? "")).toBe(domains.reduce((t, d) => t + d.sources.length, 0));
    const period = await opened.page.locator("header.page p").first().textContent();
    expect(period).toContain(`from ${domains[0]?.period.begin.slice(0, 10)} to `);
  });

  it("shows each domain's figures, policy and readiness as in the JSON summary", async () => {
    expect(sample.summary.domains.map((d) => d.domain)).toEqual(["example.com", "example.org"]);
    // example.com's own Mailchimp mail fails alignment; example.org's spoofers are refused by p=reject.
    const verdicts = await opened.page
      .locator("section[data-domain] .domain-head [data-verdict]")
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-verdict")));
    expect(verdicts).toEqual(["bad", "ok"]);
    for (const d of sample.summary.domains) {
      const scope = `section[data-domain="${d.domain}"]`;
      const shown = await figures(opened, scope);
      expect(number(shown.messages ?? "")).toBe(d.messages);
      expect(number(shown.fail ?? "")).toBe(d.fail);
      expect(number(shown["pass-percent"] ?? "")).toBe(passPercent(d.pass, d.messages));
      expect(number(shown.sources ?? "")).toBe(d.sources.length);
      expect(shown.policy).toBe(`p=${d.readiness.policy}`);
      expect(shown.readiness).toBe(
        d.readiness.next === null ? "enforced" : d.readiness.ready ? "ready" : "not yet",
      );
      const verdict = await opened.page.locator(`${scope} ul.verdict`).textContent();
      if (d.readiness.next === null) expect(verdict).toContain("p=reject is in force");
      else if (d.readiness.ready) expect(verdict).toContain(`Ready for p=${d.readiness.next}`);
      else
        for (const b of d.readiness.blockers.slice(0, 3))
          expect(verdict).toContain(`${b.ip}${b.service ? ` (${b.service})` : ""} ${b.percent}%`);
    }
  });

  it("draws one pass-rate mark and one volume column per day, each with that day's JSON numbers", async () => {
    for (const d of sample.summary.domains) {
      const scope = `section[data-domain="${d.domain}"]`;
      expect(d.days.length).toBe(28);
      const points = await titles(opened, `${scope} [data-chart="pass-rate"] :is(circle, line.nodata)`);
      expect(points).toHaveLength(d.days.length);
      points.forEach((title, i) => {
        const day = d.days[i] as DomainSummary["days"][number];
        expect(title.startsWith(`${day.date}: `)).toBe(true);
        if (day.messages === 0) expect(title).toBe(`${day.date}: no reports`);
        else
          expect(title).toBe(
            `${day.date}: ${passPercent(day.pass, day.messages)}% pass (${day.pass.toLocaleString("en-US")} of ${day.messages.toLocaleString("en-US")})`,
          );
      });
      const columns = await titles(opened, `${scope} [data-chart="volume"] .cols rect`);
      const totals = new Map<string, number>();
      expect(columns).toHaveLength(d.days.length);
      columns.forEach((title, i) => {
        const day = d.days[i] as DomainSummary["days"][number];
        const [date, total, ...parts] = title.split(/: |, /);
        expect(date).toBe(day.date);
        expect(total).toBe(`${day.messages.toLocaleString("en-US")} messages`);
        const byKind = Object.fromEntries(
          parts.map((p) => [p.replace(/ [\d,]+$/, ""), number(p.replace(/^\D+/, ""))]),
        );
        // Passing mail is aligned; the failing rest is stacked by the class of its source.
        expect(byKind.aligned ?? 0).toBe(day.pass);
        expect(Object.values(byKind).reduce((t, n) => t + n, 0)).toBe(day.messages);
        for (const kind of Object.keys(byKind))
          totals.set(kind, (totals.get(kind) ?? 0) + (byKind[kind] ?? 0));
      });
      // Over the period, each class holds the failing mail of its sources (JSON sources[].class).
      for (const kind of ["authorized-unaligned", "unauthorized", "forwarded"]) {
        const label = kind === "authorized-unaligned" ? "authorized but unaligned" : kind;
        const fromJson = d.sources.filter((s) => s.class === kind).reduce((t, s) => t + s.fail, 0);
        expect(totals.get(label) ?? 0).toBe(fromJson);
      }
    }
    // The days add up to the domain's totals: nothing is counted twice or left out.
    for (const d of sample.summary.domains) {
      expect(d.days.reduce((t, day) => t + day.messages, 0)).toBe(d.messages);
      expect(d.days.reduce((t, day) => t + day.pass, 0)).toBe(d.pass);
    }
  });

  it("lists the failing sources, the largest senders and the reporters of the JSON summary", async () => {
    const d = sample.summary.domains[0] as DomainSummary;
    const rows = (table: string) =>
      opened.page
        .locator(`section[data-domain="${d.domain}"] table[data-table="${table}"] tbody tr`)
        .evaluateAll((trs) =>
          trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")),
        );
    const failing = d.sources.filter((s) => s.fail > 0).sort((a, b) => b.fail - a.fail);
    const failingRows = await rows("failing");
    expect(failingRows.map((r) => r[0])).toEqual(failing.map((s) => s.ip));
    expect(failingRows.map((r) => number(r[3] ?? ""))).toEqual(failing.map((s) => s.fail));
    expect(failingRows.map((r) => number(r[4] ?? ""))).toEqual(failing.map((s) => s.messages));
    // Each failing source explained as classification did (JSON class, service, explanation).
    expect(failingRows.map((r) => r[2])).toEqual(failing.map((s) => s.service ?? "—"));
    expect(failingRows.map((r) => r[5])).toEqual(failing.map((s) => s.explanation));
    expect(failing.map((s) => s.class)).toEqual([
      "authorized-unaligned",
      "unauthorized",
      "unauthorized",
      "forwarded",
    ]);
    const senders = await rows("senders");
    expect(senders.map((r) => r[0])).toEqual(
      [...d.sources].sort((a, b) => b.messages - a.messages).map((s) => s.ip),
    );
    const reporters = await rows("reporters");
    expect(reporters).toEqual(
      d.reporters.map((r) => [
        r.org,
        r.reports.toLocaleString("en-US"),
        r.messages.toLocaleString("en-US"),
        `${passPercent(r.pass, r.messages)}%`,
      ]),
    );
  });

  it("renders a picture, not a blank page, in light and in dark mode", async () => {
    const light = inkStatistics(decodePng(await opened.page.screenshot({ fullPage: true })));
    expect(light.inkShare).toBeGreaterThan(0.05);
    expect(light.colours.has(0x0072b2)).toBe(true); // passing mail, in the charts
    expect(light.colours.has(0xd55e00)).toBe(true); // failing mail
    const dark = await browser.open(sample.file, { colorScheme: "dark" });
    const pixels = decodePng(await dark.page.screenshot());
    expect(pixels.at(0, 0)).toBe(0x15171a);
    expect(inkStatistics(pixels).colours.has(0x56b4e9)).toBe(true);
    expect(dark.consoleErrors).toEqual([]);
  });

  it("keeps to --domain and --since as the other formats do", async () => {
    const db = join(dir, "reports.db");
    const narrowed = await summaryFiles(db, "narrowed", ["--domain", "example.com", "--since", "2026-10-20"]);
    const [d] = narrowed.summary.domains;
    expect(narrowed.summary.domains).toHaveLength(1);
    expect(d?.days[0]?.date).toBe("2026-10-19"); // Outlook's reports run 08:00 to 08:00 UTC
    const page = await browser.open(narrowed.file);
    expect(await page.page.locator("section[data-domain]").count()).toBe(1);
    const shown = await figures(page, "#totals");
    expect(shown.domains).toBeUndefined(); // one domain: no count of domains
    expect(number(shown.messages ?? "")).toBe(d?.messages);
    expect(await page.page.locator('[data-chart="volume"] .cols rect').count()).toBe(d?.days.length);
  });

  it("shows a receiver's markup and script as text: no dialog, no element, no handler from data", async () => {
    const db = join(dir, "hostile.db");
    const inputs = join(dir, "hostile");
    rmSync(inputs, { recursive: true, force: true });
    writeFileSync(join(dir, "h1.xml.gz"), hostileReport(HOSTILE_ORG, HOSTILE_ATTR, 1));
    writeFileSync(join(dir, "h2.xml.gz"), hostileReport(HOSTILE_ATTR, HOSTILE_ORG, 2));
    const ingest = await runCli([
      "reports",
      "ingest",
      join(dir, "h1.xml.gz"),
      join(dir, "h2.xml.gz"),
      "--db",
      db,
    ]);
    expect(ingest.stdout).toMatch(/^stored 2 report/);
    const hostile = await summaryFiles(db, "hostile");
    const page = await browser.open(hostile.file);
    expect(page.dialogs).toEqual([]);
    expect(page.pageErrors).toEqual([]);
    expect(page.foreignRequests).toEqual([]);
    const dom = await page.page.evaluate(() => ({
      scripts: document.querySelectorAll("script").length,
      images: document.querySelectorAll("img").length,
      handlers: [...document.querySelectorAll("*")].flatMap((e) =>
        [...e.attributes].filter((a) => a.name.startsWith("on")).map((a) => a.name),
      ),
      text: document.body.textContent ?? "",
    }));
    expect(dom).toMatchObject({ scripts: 0, images: 0, handlers: [] });
    // The data is there, as the text a reader can see.
    expect(dom.text).toContain(HOSTILE_ORG);
    expect(dom.text).toContain(HOSTILE_ATTR);
  });
});
