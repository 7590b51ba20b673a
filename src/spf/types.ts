/**
 * The SPF facts gathered for one domain (the `spf` object of PRODUCT.md's JSON).
 * OWNER: SPF work (issue 2) — extend freely; keep `record`, `lookupCount`, `voidLookupCount`, `tree`.
 */
export interface SpfAudit {
  /** The SPF record published at the domain, or null when there is none (or several). */
  record: string | null;
  /** Every TXT record at the domain that starts with `v=spf1`. */
  records: string[];
  /** DNS-querying terms the whole tree needs (RFC 7208 §4.6.4), the full total even past 10. */
  lookupCount: number;
  voidLookupCount: number;
  /** Per-include attribution; null when there is no record. */
  tree: unknown;
}
