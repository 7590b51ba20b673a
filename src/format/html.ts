import type { DomainResult } from "../audit/audit.js";
import { domainIsAbsent } from "../audit/domain-absent.js";
import type { DkimAudit } from "../dkim/types.js";
import type { DomainStatus } from "../engine/exit-code.js";
import { SEVERITIES, type Severity } from "../engine/severity.js";
import type { Finding } from "../engine/types.js";
import { type Html, html } from "../html/markup.js";
import { page } from "../html/page.js";
import type { SpfAudit, SpfNode } from "../spf/types.js";
import { publishedRows } from "./published-rows.js";
import { ruleDocUrl } from "./rule-docs-url.js";
import { SPF_STATUS_NOTES } from "./spf-tree.js";
import type { FormatContext, Formatter } from "./types.js";

const STATUS = {
  pass: { tone: "ok", text: "pass" },
  fail: { tone: "bad", text: "fail" },
  inconclusive: { tone: "warn", text: "inconclusive" },
} as const satisfies Record<DomainStatus, { tone: string; text: string }>;

const SEVERITY_TITLES: Record<Severity, string> = {
  error: "Errors",
  warning: "Warnings",
  notice: "Notices",
  info: "Information",
};

/**
 * `check -f html`: one self-contained page per run — per domain what is published, the SPF include
 * tree with its lookups per branch (folding with <details>, no script), the findings by severity
 * with their fix, and the DKIM keys. DNS data is text in the page, never markup (src/html/markup.ts).
 */
export const formatHtml: Formatter = (report, context) => {
  const { errors, warnings } = report.summary;
  const body = html`<header class="page"><h1>Email authentication check</h1>
<p class="muted">${report.domains.length} ${report.domains.length === 1 ? "domain" : "domains"}: ${errors} ${errors === 1 ? "error" : "errors"}, ${warnings} ${warnings === 1 ? "warning" : "warnings"}; exit code ${report.exitCode}.</p>
${report.domains.length > 1 ? overview(report.domains) : ""}</header>
${report.domains.map((d, i) => domainSection(d, i, context))}
<footer class="page">Written by <code>mailaudit check -f html</code>${context.toolVersion ? ` ${context.toolVersion}` : ""}. One file: no script, nothing loaded from the network. The same facts: <code>-f json</code>.</footer>`;
  return page({
    title: report.domains.length === 1 ? `mailaudit check: ${report.domains[0]?.domain}` : "mailaudit check",
    generator: "mailaudit check",
    body,
  });
};

function overview(domains: readonly DomainResult[]): Html {
  return html`<table id="overview"><thead><tr><th>domain</th><th>status</th><th class="num">errors</th><th class="num">warnings</th><th class="num">notices</th></tr></thead><tbody>${domains.map(
    (d, i) =>
      html`<tr><td><a href="#domain-${i + 1}">${d.domain}</a></td><td>${statusBadge(d.status)}</td><td class="num">${count(d, "error")}</td><td class="num">${count(d, "warning")}</td><td class="num">${count(d, "notice")}</td></tr>`,
  )}</tbody></table>`;
}

function count(d: DomainResult, severity: Severity): number {
  return d.findings.filter((f) => f.severity === severity).length;
}

function statusBadge(status: DomainStatus): Html {
  const s = STATUS[status];
  return html`<span class="badge ${s.tone}" data-status="${status}">${s.text}</span>`;
}

function domainSection(result: DomainResult, index: number, context: FormatContext): Html {
  const { snapshot } = result;
  const rows = domainIsAbsent(snapshot) ? [] : publishedRows(snapshot);
  return html`<section class="domain" id="domain-${index + 1}" data-domain="${result.domain}">
<div class="domain-head"><h2>${result.domain}</h2>${statusBadge(result.status)}</div>
${rows.length > 0 ? html`<h3>Published records</h3><div class="scroll"><table data-table="published"><thead><tr><th>record</th><th>value</th><th>facts</th></tr></thead><tbody>${rows.map((row) => html`<tr><td>${row.label}</td><td class="mono">${row.record}</td><td>${row.facts}</td></tr>`)}</tbody></table></div>` : ""}
${findingsBlock(result.findings, context)}
${snapshot.spf ? spfBlock(snapshot.spf) : ""}
${snapshot.dkim && snapshot.dkim.length > 0 ? dkimBlock(snapshot.dkim) : ""}
${snapshot.lookupFailures.length > 0 ? html`<h3>DNS lookups that failed</h3><ul>${snapshot.lookupFailures.map((f) => html`<li><code>${f.type} ${f.name}</code>: ${f.reason} (nothing is concluded from it)</li>`)}</ul>` : ""}
</section>`;
}

function findingsBlock(findings: readonly Finding[], context: FormatContext): Html {
  if (findings.length === 0) return html`<h3>Findings</h3><p>No findings.</p>`;
  return html`${SEVERITIES.map((severity) => {
    const these = findings.filter((f) => f.severity === severity);
    if (these.length === 0) return "";
    return html`<h3 class="sev-${severity}">${SEVERITY_TITLES[severity]} (${these.length})</h3><ol class="findings" data-severity="${severity}">${these.map(
      (f) =>
        html`<li><span class="sev-${severity}">${f.message}</span> <a href="${ruleDocUrl(f.rule)}"><code>${f.rule}</code></a>${
          context.rules.get(f.rule)?.remediation
            ? html`<p class="fix">Fix: ${context.rules.get(f.rule)?.remediation}</p>`
            : ""
        }${f.suggestion ? html`<p class="fix">Suggested record: <code>${f.suggestion}</code></p>` : ""}</li>`,
    )}</ol>`;
  })}`;
}

function spfBlock(spf: SpfAudit): Html | "" {
  if (!spf.tree) return "";
  const total = `${spf.lookupCountIsLowerBound ? "at least " : ""}${spf.lookupCount}`;
  return html`<h3>SPF include tree</h3><p>${html`<span class="${spf.lookupCount > 10 ? "over" : ""}">${total} DNS-querying terms</span>`} of the 10 allowed, ${spf.voidLookupCount} void lookups of 2. Each branch shows its own lookups and those below it; click to fold.</p><div class="spf-tree">${spfNode(spf.tree, true)}</div>`;
}

function spfNode(node: SpfNode, root: boolean): Html {
  const label = node.term ?? node.domain;
  const counts =
    node.status === "ok"
      ? `${node.ownLookups} here, ${node.subtreeLookups - node.ownLookups} below${node.subtreeVoidLookups ? `, ${node.subtreeVoidLookups} void` : ""}`
      : SPF_STATUS_NOTES[node.status];
  return html`<details class="tree${root ? " tree-root" : ""}" open data-lookups="${node.subtreeLookups}"><summary><code>${label}</code><span class="lookups${node.status === "ok" ? "" : " over"}">${counts}</span></summary>${
    node.record ? html`<div class="mono muted">${node.record}</div>` : ""
  }${node.children.map((child) => spfNode(child, false))}</details>`;
}

function dkimBlock(keys: readonly DkimAudit[]): Html {
  return html`<h3>DKIM keys</h3><div class="scroll"><table data-table="dkim"><thead><tr><th>selector</th><th>status</th><th>key</th><th>flags</th><th>record</th></tr></thead><tbody>${keys.map(
    (k) =>
      html`<tr><td class="mono">${k.selector}</td><td>${k.status === "found" ? "found" : k.status === "missing" ? "no key record" : "lookup failed"}</td><td>${keyText(k)}</td><td>${[k.testing ? "testing (t=y)" : "", k.cnameTarget ? `via CNAME ${k.cnameTarget}` : ""].filter(Boolean).join(", ")}</td><td class="mono">${k.record ?? "—"}</td></tr>`,
  )}</tbody></table></div>`;
}

function keyText(k: DkimAudit): string {
  if (k.revoked) return "revoked (empty p=)";
  if (!k.keyType) return "—";
  return `${k.keyType}${k.keyBits ? ` ${k.keyBits} bits` : ""}`;
}
