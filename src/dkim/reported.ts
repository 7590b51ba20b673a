import type { Resolver } from "../dns/types.js";
import { collectDkim } from "./collect.js";
import type { DkimAudit } from "./types.js";

/**
 * DKIM selectors the report store saw signing as a domain (d= the domain itself) in the last
 * REPORTED_SELECTOR_DAYS days (`check --reports-db`): each one's key is looked up like a named
 * selector, so a key removed while mail still uses it is caught before that mail fails.
 */
export const REPORTED_SELECTOR_DAYS = 30;

export interface ReportedSelector {
  selector: string;
  /** Messages reported signed with it in the period, and how many of those passed DKIM. */
  messages: number;
  passMessages: number;
}

export interface ReportedKey extends ReportedSelector {
  key: DkimAudit;
}

/** Looks up the key of every reported selector not already checked as a named one. */
export async function collectReportedKeys(
  resolver: Resolver,
  domain: string,
  reported: readonly ReportedSelector[],
  named: readonly string[],
): Promise<ReportedKey[]> {
  const fresh = reported.filter((r) => !named.includes(r.selector));
  const keys = await collectDkim(
    resolver,
    domain,
    fresh.map((r) => r.selector),
  );
  return fresh.map((r, i) => ({ ...r, key: keys[i] as DkimAudit }));
}
