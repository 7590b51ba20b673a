/**
 * The table rows of what surrounds SPF, DKIM and DMARC: MX, MTA-STS, TLS-RPT and BIMI, one row each,
 * shown whether or not the domain publishes them (a "—" says it does not). Pure; callers escape.
 */
import type { BimiAudit } from "../bimi/types.js";
import type { FetchReport } from "../https/types.js";
import type { MtaStsAudit } from "../mta-sts/types.js";
import type { MxAudit } from "../mx/types.js";
import type { TlsRptAudit } from "../tls-rpt/types.js";
import type { PublishedRow } from "./published-rows.js";

export function mxRow(mx: MxAudit): PublishedRow {
  const record = mx.records.map((r) => `${r.priority} ${r.exchange}`).join(", ") || "—";
  return { label: "MX", record, facts: mxFacts(mx).join(", ") };
}

function mxFacts(mx: MxAudit): string[] {
  if (mx.status === "inconclusive") return ["lookup failed"];
  if (mx.status === "none") {
    const addresses = mx.implicitAddresses ?? [];
    return [addresses.length > 0 ? `none: mail goes to ${addresses.join(", ")}` : "none, and no address"];
  }
  const hosts = mx.hosts.length + mx.hostsNotChecked;
  if (hosts === 0) return ["null MX: accepts no mail"];
  const count = (n: number, what: string) => (n > 0 ? `${n} ${what}` : "");
  return [
    `${hosts} host${hosts === 1 ? "" : "s"}`,
    mx.nullMx ? "and a null MX" : "",
    count(
      mx.hosts.filter((h) => h.status === "no-address" || h.status === "ip-literal").length,
      "without address",
    ),
    count(mx.hosts.filter((h) => h.cnames.length > 0).length, "via CNAME"),
  ].filter(Boolean);
}

export function mtaStsRow(sts: MtaStsAudit): PublishedRow {
  return { label: "MTA-STS", record: recordText(sts), facts: mtaStsFacts(sts).join(", ") };
}

function mtaStsFacts(sts: MtaStsAudit): string[] {
  if (sts.status === "inconclusive") return ["lookup failed"];
  const policy = sts.policy;
  if (sts.status === "none" || !policy) return ["not published"];
  if (policy.fetch.status !== "ok") return [`policy ${fetchState(policy.fetch)}`];
  return [
    policy.mode ? `mode ${policy.mode}` : "no valid mode",
    policy.maxAge === null ? "" : `max_age ${policy.maxAge}`,
    `${policy.mx.length} mx pattern${policy.mx.length === 1 ? "" : "s"}`,
  ].filter(Boolean);
}

export function tlsRptRow(tls: TlsRptAudit): PublishedRow {
  const facts =
    tls.status === "inconclusive"
      ? "lookup failed"
      : tls.status === "none"
        ? "not published"
        : `${tls.rua.length} report destination${tls.rua.length === 1 ? "" : "s"}`;
  return { label: "TLS-RPT", record: recordText(tls), facts };
}

export function bimiRow(bimi: BimiAudit, domain: string): PublishedRow {
  return { label: "BIMI", record: recordText(bimi), facts: bimiFacts(bimi, domain).join(", ") };
}

function bimiFacts(bimi: BimiAudit, domain: string): string[] {
  if (bimi.status === "inconclusive") return ["lookup failed"];
  if (bimi.status === "none") return ["not published"];
  if (bimi.declined) return ["declines to show a logo"];
  const logo = bimi.logo;
  const logoFacts = !logo
    ? "no logo URL"
    : logo.fetch.status !== "ok"
      ? `logo ${fetchState(logo.fetch)}`
      : logo.svg && logo.svg.problems.length > 0
        ? `logo: ${logo.svg.problems.length} SVG Tiny PS problem${logo.svg.problems.length === 1 ? "" : "s"}`
        : "logo is SVG Tiny PS";
  return [
    bimi.source && bimi.source !== domain ? `from ${bimi.source}` : "",
    logoFacts,
    `a= ${bimi.authority}`,
  ].filter(Boolean);
}

/** The one record, or how many there are, or a dash. */
function recordText(audit: { record: string | null; records: readonly string[] }): string {
  if (audit.record !== null) return audit.record;
  return audit.records.length > 1 ? `${audit.records.length} records` : "—";
}

function fetchState(fetch: FetchReport): string {
  switch (fetch.status) {
    case "skipped":
      return fetch.reason === "offline" ? "not fetched (--offline)" : "not fetched (--zone run)";
    case "inconclusive":
      return "fetch got no verdict";
    case "failed":
      return `fetch failed (${fetch.reason})`;
    default:
      return "fetched";
  }
}
