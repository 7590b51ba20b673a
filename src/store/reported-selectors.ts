import { selectorProblem } from "../config/names.js";
import { REPORTED_SELECTOR_DAYS, type ReportedSelector } from "../dkim/reported.js";
import { openReportStore } from "./open-report-store.js";
import { dkimSelectors } from "./summary-queries.js";

/**
 * Per domain, the DKIM selectors the store's reports saw signing as that domain (d= the domain) in
 * the last REPORTED_SELECTOR_DAYS days, with how many of their messages passed DKIM. The summary's
 * own selector query (dkimSelectors) answers it, restricted to the period.
 */
export async function reportedSelectors(
  location: string,
  now = Date.now(),
): Promise<Map<string, ReportedSelector[]>> {
  const store = await openReportStore(location, "existing");
  const seen = new Map<string, ReportedSelector[]>();
  try {
    const since = Math.floor(now / 1000) - REPORTED_SELECTOR_DAYS * 86_400;
    for (const row of await dkimSelectors(store, { since })) {
      const domain = String(row.domain);
      const selector = String(row.selector).toLowerCase();
      // Only keys published under the domain itself, and only names that can be asked of DNS.
      if (String(row.signing_domain).toLowerCase() !== domain || selectorProblem(selector) !== undefined)
        continue;
      const list = seen.get(domain) ?? [];
      const known = list.find((r) => r.selector === selector);
      if (known) {
        known.messages += Number(row.messages);
        known.passMessages += Number(row.pass);
      } else list.push({ selector, messages: Number(row.messages), passMessages: Number(row.pass) });
      seen.set(domain, list);
    }
  } finally {
    await store.close();
  }
  return seen;
}
