/**
 * Snapshots of what surrounds SPF, DKIM and DMARC (MX, MTA-STS, TLS-RPT, BIMI) for rule tests, built
 * from record and file texts through the real pure parsers, so a test reads like the DNS it stands for.
 */
import { parseBimiRecord } from "../../src/bimi/parse.js";
import { checkSvgTinyPs } from "../../src/bimi/svg-profile.js";
import type { BimiAudit } from "../../src/bimi/types.js";
import type { FetchReport } from "../../src/https/types.js";
import { parsePolicy } from "../../src/mta-sts/parse-policy.js";
import { parseStsRecord } from "../../src/mta-sts/parse-record.js";
import type { MtaStsAudit, MtaStsPolicy } from "../../src/mta-sts/types.js";
import type { MxAudit, MxHost } from "../../src/mx/types.js";
import { parseTlsRptRecord } from "../../src/tls-rpt/parse.js";
import type { TlsRptAudit } from "../../src/tls-rpt/types.js";

/** MX records as `[priority, exchange]`; every host has an address unless `hosts` says otherwise. */
export function mxAudit(
  records: [number, string][],
  hosts: Partial<Record<string, Partial<MxHost>>> = {},
): MxAudit {
  const sorted = records
    .map(([priority, exchange]) => ({ priority, exchange }))
    .sort((a, b) => a.priority - b.priority);
  const real = sorted.filter((r) => r.exchange !== ".");
  return {
    status: records.length > 0 ? "found" : "none",
    records: sorted,
    nullMx: real.length < sorted.length,
    hosts: real.map((r) => ({
      name: r.exchange,
      priority: r.priority,
      status: "ok",
      cnames: [],
      addresses: ["192.0.2.25"],
      ...hosts[r.exchange],
    })),
    hostsNotChecked: 0,
    implicitAddresses: records.length > 0 ? null : ["192.0.2.80"],
  };
}

export function fetched(url: string, extra: Partial<FetchReport> = {}): FetchReport {
  return { url, status: "ok", httpStatus: 200, contentType: "text/plain", address: "192.0.2.44", ...extra };
}

export const POLICY_URL = "https://mta-sts.example.com/.well-known/mta-sts.txt";
export const GOOD_POLICY =
  "version: STSv1\nmode: enforce\nmx: mx1.example.com\nmx: *.example.net\nmax_age: 604800\n";

/** An `_mta-sts` record and the policy served for it (text), or how its fetch went (a report). */
export function mtaStsAudit(
  record: string | string[] | null,
  policy: string | FetchReport | null = GOOD_POLICY,
): MtaStsAudit {
  const records = record === null ? [] : Array.isArray(record) ? record : [record];
  const one = records.length === 1 ? (records[0] as string) : null;
  const parsed = one === null ? null : parseStsRecord(one);
  const base = { url: POLICY_URL, text: null, version: null, mode: null, maxAge: null, mx: [], problems: [] };
  return {
    name: "_mta-sts.example.com",
    status: records.length > 0 ? "found" : "none",
    record: one,
    records,
    id: parsed?.id ?? null,
    problems: parsed?.problems ?? [],
    policy:
      records.length === 0 || policy === null
        ? null
        : typeof policy === "string"
          ? { ...base, fetch: fetched(POLICY_URL), text: policy, ...parsePolicy(policy) }
          : { ...base, fetch: policy },
  };
}

/** `audit` with parts of its (fetched) policy replaced. */
export function withPolicy(audit: MtaStsAudit, changes: Partial<MtaStsPolicy>): MtaStsAudit {
  if (!audit.policy) throw new Error("withPolicy: the audit has no policy");
  return { ...audit, policy: { ...audit.policy, ...changes } };
}

export function tlsRptAudit(record: string | string[] | null): TlsRptAudit {
  const records = record === null ? [] : Array.isArray(record) ? record : [record];
  const one = records.length === 1 ? (records[0] as string) : null;
  const parsed = one === null ? null : parseTlsRptRecord(one);
  return {
    name: "_smtp._tls.example.com",
    status: records.length > 0 ? "found" : "none",
    record: one,
    records,
    rua: parsed?.rua ?? [],
    problems: parsed?.problems ?? [],
  };
}

export const LOGO_URL = "https://example.com/logo.svg";
export const GOOD_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny-ps" viewBox="0 0 100 100"><title>Example</title><circle cx="50" cy="50" r="40"/></svg>';

/** A `default._bimi` record and its logo: SVG text, or how its fetch went. */
export function bimiAudit(
  record: string | string[] | null,
  logo: string | FetchReport = GOOD_SVG,
): BimiAudit {
  const records = record === null ? [] : Array.isArray(record) ? record : [record];
  const one = records.length === 1 ? (records[0] as string) : null;
  const parsed = one === null ? null : parseBimiRecord(one);
  const logoUrl = parsed?.logoUrl ?? null;
  return {
    selector: "default",
    name: "default._bimi.example.com",
    source: records.length > 0 ? "example.com" : null,
    status: records.length > 0 ? "found" : "none",
    record: one,
    records,
    declined: parsed?.declined ?? false,
    logoUrl,
    authorityUrl: parsed?.authorityUrl ?? null,
    authority: parsed?.authorityUrl ? "present" : "absent",
    problems: parsed?.problems ?? [],
    logo:
      logoUrl === null
        ? null
        : typeof logo === "string"
          ? {
              url: logoUrl,
              fetch: fetched(logoUrl, { contentType: "image/svg+xml" }),
              svg: checkSvgTinyPs(Buffer.from(logo)),
            }
          : { url: logoUrl, fetch: logo, svg: null },
  };
}
