/**
 * The DMARC facts gathered for one domain (the `dmarc` object of PRODUCT.md's JSON).
 * OWNER: DMARC work (issue 3) — extend freely; keep the PRODUCT.md fields.
 */
export interface DmarcAudit {
  record: string | null;
  /** The domain whose `_dmarc` record applies. */
  source: string | null;
  policy: string | null;
  subdomainPolicy: string | null;
  effectivePolicy: string | null;
}
