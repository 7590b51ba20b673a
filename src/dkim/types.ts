/**
 * One DKIM selector's facts (an entry of PRODUCT.md's `dkim` array).
 * OWNER: DKIM work (issue 3) — extend freely; keep the PRODUCT.md fields.
 */
export interface DkimAudit {
  selector: string;
  record: string | null;
  keyType: string | null;
  keyBits: number | null;
}
