import { grouped, shortDate } from "../html/charts/frame.js";
import { passPercent, passRateChart } from "../html/charts/pass-rate-chart.js";
import { legend, stackedBarsChart } from "../html/charts/stacked-bars-chart.js";
import { type Html, type HtmlPart, html } from "../html/markup.js";
import { page } from "../html/page.js";
import { type DailyVolumes, volumesByClass } from "./daily-volumes.js";
import { type ClassifiedSource, classLabel, sourceClass } from "./source-class.js";
import type { DomainSummary, ReportSummary } from "./summary.js";
import { domainVerdict } from "./summary-verdict.js";

/** Rows per table: the page is for reading; the full lists are in `-f json` and `-f csv`. */
const TABLE_ROWS = 10;

export interface SummaryPageOptions {
  /** Per-domain messages per day and source (daily-volumes.ts); without it the bars show pass/fail. */
  volumes?: ReadonlyMap<string, DailyVolumes>;
}

/**
 * `reports summary -f html`: one self-contained page answering "who sends as me, and is it fine?"
 * for each domain — a verdict in sentences, the pass rate per day, the volume per day by kind of
 * sender, the largest and the failing senders, the reporters, the policy and whether the next one
 * is safe. Every number comes from the summary document (`-f json` of the same store).
 */
export function formatSummaryHtml(summary: ReportSummary, options: SummaryPageOptions = {}): string {
  const domains = summary.domains;
  const body =
    domains.length === 0
      ? html`<header class="page"><h1>DMARC reports</h1><p>No reports stored for this selection.</p></header>`
      : html`${pageHeader(summary)}${domains.length > 1 ? overview(domains) : ""}${domains.map((d, i) =>
          domainSection(d, i, options.volumes?.get(d.domain)),
        )}`;
  return page({
    title: domains.length === 1 ? `DMARC reports: ${domains[0]?.domain}` : "DMARC reports",
    generator: "mailaudit reports summary",
    body: html`${body}<footer class="page">Written by <code>mailaudit reports summary -f html</code> from DMARC aggregate reports. One file: no script, nothing loaded from the network. The same numbers: <code>-f json</code>.</footer>`,
  });
}

function pageHeader(summary: ReportSummary): Html {
  const domains = summary.domains;
  const messages = sum(domains, (d) => d.messages);
  const pass = sum(domains, (d) => d.pass);
  const begin = domains.map((d) => d.period.begin).sort()[0] ?? "";
  const end =
    domains
      .map((d) => d.period.end)
      .sort()
      .at(-1) ?? "";
  const title =
    domains.length === 1
      ? `Who sends as ${domains[0]?.domain}?`
      : `Who sends as your ${domains.length} domains?`;
  return html`<header class="page"><h1>${title}</h1>
<p class="muted">DMARC aggregate reports from ${begin.slice(0, 10)} to ${end.slice(0, 10)}${summary.since ? ` (reports ending on or after ${summary.since.slice(0, 10)})` : ""}.</p>
<div class="figures" id="totals">${domains.length === 1 ? "" : figure("domains", domains.length, "domains")}${figure("messages", messages, "messages")}${figure("pass-percent", `${passPercent(pass, messages)}%`, "pass DMARC")}${figure("fail", messages - pass, "fail DMARC")}${figure(
    "reports",
    sum(domains, (d) => d.reports),
    "reports",
  )}${figure(
    "sources",
    sum(domains, (d) => d.sources.length),
    "sending IPs",
  )}</div>
</header>`;
}

function overview(domains: readonly DomainSummary[]): Html {
  return html`<section><h2>Domains</h2><div class="scroll"><table id="overview"><thead><tr><th>domain</th><th class="num">messages</th><th class="num">pass</th><th class="num">fail</th><th>policy</th><th>verdict</th></tr></thead><tbody>${domains.map(
    (d, i) =>
      html`<tr><td><a href="#domain-${i + 1}">${d.domain}</a></td><td class="num">${grouped(d.messages)}</td><td class="num">${passPercent(d.pass, d.messages)}%</td><td class="num">${grouped(d.fail)}</td><td>${policyText(d)}</td><td>${verdictBadge(d)}</td></tr>`,
  )}</tbody></table></div></section>`;
}

function domainSection(d: DomainSummary, index: number, volumes: DailyVolumes | undefined): Html {
  const sources = d.sources as readonly ClassifiedSource[];
  const reporters = new Set(d.reporters.map((r) => r.org)).size;
  return html`<section class="domain" id="domain-${index + 1}" data-domain="${d.domain}">
<div class="domain-head"><h2>${d.domain}</h2>${verdictBadge(d)}</div>
<p class="muted">${d.period.begin.slice(0, 10)} to ${d.period.end.slice(0, 10)} · ${grouped(d.reports)} reports from ${reporters} ${reporters === 1 ? "reporter" : "reporters"}</p>
<ul class="verdict">${domainVerdict(d).sentences.map((line) => html`<li>${line}</li>`)}</ul>
<div class="figures">${figure("messages", d.messages, "messages")}${figure("pass-percent", `${passPercent(d.pass, d.messages)}%`, "pass DMARC")}${figure("fail", d.fail, "fail DMARC")}${figure("sources", d.sources.length, "sending IPs")}${figure("policy", policyText(d), "policy in force")}${figure("readiness", readinessText(d), readinessCaption(d))}</div>
<div class="charts">${rateFigure(d)}${volumeFigure(d, volumes)}</div>
${sendersTable(sources)}${failingTable(sources)}
<div class="tables">${reportersTable(d)}${selectorsTable(d)}</div>
</section>`;
}

function figure(name: string, value: string | number, caption: string): Html {
  return html`<div class="figure" data-figure="${name}"><b>${typeof value === "number" ? grouped(value) : value}</b><span>${caption}</span></div>`;
}

function verdictBadge(d: DomainSummary): Html {
  const { tone, badge } = domainVerdict(d);
  return html`<span class="badge ${tone}" data-verdict="${tone}">${badge}</span>`;
}

function policyText(d: DomainSummary): string {
  return d.readiness.policy === null ? "unknown" : `p=${d.readiness.policy}`;
}

function readinessText(d: DomainSummary): string {
  if (d.readiness.next === null) return "enforced";
  return d.readiness.ready ? "ready" : "not yet";
}

function readinessCaption(d: DomainSummary): string {
  return d.readiness.next === null ? "p=reject in force" : `for p=${d.readiness.next}`;
}

function rateFigure(d: DomainSummary): Html {
  const label = `DMARC pass rate per day for ${d.domain}`;
  return html`<figure class="chart" data-chart="pass-rate"><figcaption>DMARC pass rate per day</figcaption>${passRateChart(d.days, label)}</figure>`;
}

function volumeFigure(d: DomainSummary, volumes: DailyVolumes | undefined): Html {
  const { series, days } = volumesByClass(d, volumes);
  const label = `Messages per day by kind of sender for ${d.domain}`;
  return html`<figure class="chart" data-chart="volume"><figcaption>Messages per day, by kind of sender</figcaption>${stackedBarsChart(series, days, label)}${legend(series)}</figure>`;
}

function sourceName(s: ClassifiedSource): Html {
  return html`<span class="mono">${s.ip}</span>${s.name ? html` (${s.name})` : ""}`;
}

function classCell(s: ClassifiedSource): Html {
  const key = sourceClass(s);
  return html`<span class="class-tag"><i class="c-${key}"></i>${classLabel(key)}</span>`;
}

function sendersTable(sources: readonly ClassifiedSource[]): Html {
  const largest = [...sources]
    .sort((a, b) => b.messages - a.messages || cmp(a.ip, b.ip))
    .slice(0, TABLE_ROWS);
  const hasService = sources.some((s) => s.service);
  return html`<h3>Largest senders</h3><div class="scroll"><table data-table="senders"><thead><tr><th>source</th>${hasService ? html`<th>service</th>` : ""}<th>kind</th><th class="num">messages</th><th class="num">pass</th><th>first seen</th></tr></thead><tbody>${largest.map(
    (s) =>
      html`<tr data-ip="${s.ip}"><td>${sourceName(s)}${s.isNew ? html` <span class="badge warn">new</span>` : ""}</td>${hasService ? html`<td>${s.service ?? "—"}</td>` : ""}<td>${classCell(s)}</td><td class="num">${grouped(s.messages)}</td><td class="num">${passPercent(s.pass, s.messages)}%</td><td>${shortDate(s.firstSeen.slice(0, 10))} ${s.firstSeen.slice(0, 4)}</td></tr>`,
  )}</tbody></table></div>${more(sources.length, largest.length, "sources")}`;
}

function failingTable(sources: readonly ClassifiedSource[]): Html {
  const failing = sources.filter((s) => s.fail > 0);
  if (failing.length === 0)
    return html`<h3>Failing sources</h3><p>None: every reported message passed DMARC.</p>`;
  const top = [...failing]
    .sort((a, b) => b.fail - a.fail || b.messages - a.messages || cmp(a.ip, b.ip))
    .slice(0, TABLE_ROWS);
  const explained = failing.some((s) => s.explanation);
  return html`<h3>Top failing sources</h3><div class="scroll"><table data-table="failing"><thead><tr><th>source</th><th>kind</th><th>service</th><th class="num">failing</th><th class="num">of messages</th>${explained ? html`<th>what it means</th>` : ""}</tr></thead><tbody>${top.map(
    (s) =>
      html`<tr data-ip="${s.ip}"><td>${sourceName(s)}</td><td>${classCell(s)}</td><td>${s.service ?? "—"}</td><td class="num">${grouped(s.fail)}</td><td class="num">${grouped(s.messages)}</td>${explained ? html`<td>${s.explanation ?? ""}</td>` : ""}</tr>`,
  )}</tbody></table></div>${more(failing.length, top.length, "failing sources")}`;
}

function reportersTable(d: DomainSummary): Html {
  return html`<div><h3>Reporters</h3><table data-table="reporters"><thead><tr><th>reporter</th><th class="num">reports</th><th class="num">messages</th><th class="num">pass</th></tr></thead><tbody>${d.reporters
    .slice(0, TABLE_ROWS)
    .map(
      (r) =>
        html`<tr><td>${r.org || "(no name)"}</td><td class="num">${grouped(r.reports)}</td><td class="num">${grouped(r.messages)}</td><td class="num">${passPercent(r.pass, r.messages)}%</td></tr>`,
    )}</tbody></table>${more(d.reporters.length, Math.min(d.reporters.length, TABLE_ROWS), "reporters")}</div>`;
}

function selectorsTable(d: DomainSummary): Html {
  if (d.dkimSelectors.length === 0) return html`<div><h3>DKIM selectors seen</h3><p>None reported.</p></div>`;
  const top = d.dkimSelectors.slice(0, TABLE_ROWS);
  return html`<div><h3>DKIM selectors seen</h3><table data-table="selectors"><thead><tr><th>signature</th><th class="num">messages</th><th class="num">verified</th></tr></thead><tbody>${top.map(
    (s) =>
      html`<tr><td class="mono">${s.selector}._domainkey.${s.domain}</td><td class="num">${grouped(s.messages)}</td><td class="num">${passPercent(s.pass, s.messages)}%</td></tr>`,
  )}</tbody></table>${more(d.dkimSelectors.length, top.length, "selectors")}</div>`;
}

function more(total: number, shown: number, what: string): HtmlPart {
  return total > shown
    ? html`<p class="muted">${total - shown} more ${what} in <code>-f json</code> or <code>-f csv</code>.</p>`
    : "";
}

function sum<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
