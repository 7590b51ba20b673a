import { type ParsedDmarcRecord, parseDmarcRecord } from "./parse.js";
import type { DmarcPolicy } from "./types.js";

const POLICIES: readonly string[] = ["none", "quarantine", "reject"] satisfies DmarcPolicy[];
const isPolicy = (value: string | undefined): value is DmarcPolicy =>
  value !== undefined && POLICIES.includes(value);

/** The policy tags a receiver applies a record with. */
export interface AppliedPolicy {
  p: DmarcPolicy;
  sp?: DmarcPolicy;
  np?: DmarcPolicy;
  /** True when this is RFC 9989 §4.10.1's `p=none` fallback, not a policy the record states. */
  fallback: boolean;
}

/**
 * The policy tags a record is applied with (RFC 9989 §4.10.1): a record without a valid `p` (none,
 * an invalid one, or a whole tag-list made invalid by a repeated tag, RFC 6376 §3.2), or with an
 * invalid `sp` or `np`, acts as `p=none` when its `rua` (present once) names at least one valid report
 * URI, and gets no DMARC treatment (null) otherwise.
 */
export function appliedPolicyTags({ tags, repeatedTags }: ParsedDmarcRecord): AppliedPolicy | null {
  const validOrAbsent = (value: string | undefined) => value === undefined || isPolicy(value);
  if (repeatedTags.length === 0 && isPolicy(tags.p) && validOrAbsent(tags.sp) && validOrAbsent(tags.np)) {
    return {
      p: tags.p,
      ...(isPolicy(tags.sp) ? { sp: tags.sp } : {}),
      ...(isPolicy(tags.np) ? { np: tags.np } : {}),
      fallback: false,
    };
  }
  // A repeated rua is left out of `tags`: then no rua is validly present either.
  const hasValidRua = (tags.rua ?? []).some((u) => u.valid);
  return hasValidRua ? { p: "none", fallback: true } : null;
}

export interface PolicyInputs {
  domain: string;
  /** null: unknown, treated as existing (the common case; `np` applies only to NXDOMAIN). */
  domainExists: boolean | null;
  applying: { domain: string; record: string } | null;
  organizational: { domain: string; record: string } | null;
}

export interface Policies {
  policy: DmarcPolicy | null;
  subdomainPolicy: DmarcPolicy | null;
  effectivePolicy: DmarcPolicy | null;
  /** True when `policy` is RFC 9989 §4.10.1's `p=none` fallback for a record without a valid policy. */
  policyFallback: boolean;
}

/**
 * What applies to the audited domain: `p` when the record is its own; for a subdomain inheriting its
 * organizational domain's record, `sp` (else `p`), or for a non-existent one `np`, else `sp`, else
 * `p` (RFC 9989 §4.7, §4.10.1).
 */
export function resolvePolicies({ domain, domainExists, applying, organizational }: PolicyInputs): Policies {
  const applied = applying ? appliedPolicyTags(parseDmarcRecord(applying.record)) : null;
  const orgRecord = organizational ?? applying;
  const orgApplied = orgRecord ? appliedPolicyTags(parseDmarcRecord(orgRecord.record)) : null;
  const subdomainPolicy = orgApplied ? (orgApplied.sp ?? orgApplied.p) : null;
  if (!applying || !applied)
    return { policy: null, subdomainPolicy, effectivePolicy: null, policyFallback: false };
  let effectivePolicy: DmarcPolicy;
  if (applying.domain === domain) effectivePolicy = applied.p;
  else if (domainExists === false) effectivePolicy = applied.np ?? applied.sp ?? applied.p;
  else effectivePolicy = applied.sp ?? applied.p;
  return { policy: applied.p, subdomainPolicy, effectivePolicy, policyFallback: applied.fallback };
}
