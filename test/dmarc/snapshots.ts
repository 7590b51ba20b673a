/** Builds DMARC snapshots for rule tests from a record text, through the real (pure) parser. */
import { parseDmarcRecord } from "../../src/dmarc/parse.js";
import type { DmarcAudit } from "../../src/dmarc/types.js";
import type { DomainSnapshot } from "../../src/engine/types.js";
import { emptySnapshot } from "../helpers/rule-tester.js";

export function dmarcAudit(
  record: string | null,
  overrides: Partial<DmarcAudit> = {},
  domain = "example.com",
): DmarcAudit {
  const parsed = record === null ? null : parseDmarcRecord(record);
  const p = parsed?.tags.p;
  const policy = p === "none" || p === "quarantine" || p === "reject" ? p : null;
  return {
    record,
    source: record === null ? null : domain,
    policy,
    subdomainPolicy: policy,
    effectivePolicy: policy,
    policyFallback: false,
    complete: true,
    domainExists: true,
    organizationalDomain: { treeWalk: domain, psl: domain },
    sources: { treeWalk: record === null ? null : domain, psl: record === null ? null : domain },
    treeWalk: { queried: [`_dmarc.${domain}`], found: record === null ? [] : [{ domain, record }] },
    multipleRecords: [],
    rejectedRecords: [],
    misplaced: [],
    tags: parsed?.tags ?? null,
    problems: parsed?.problems ?? [],
    alignment: { spf: "r", dkim: "r" },
    reportAuthorizations: [],
    ...overrides,
  };
}

export function dmarcSnapshot(
  record: string | null,
  overrides: Partial<DmarcAudit> = {},
  domain = "example.com",
): DomainSnapshot {
  return { ...emptySnapshot(domain), dmarc: dmarcAudit(record, overrides, domain) };
}

export const GOOD = "v=DMARC1; p=reject; rua=mailto:dmarc@example.com";
