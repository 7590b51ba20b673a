/**
 * The rule catalogue: every rule mailaudit runs, keyed by its stable id and sorted by id.
 * The id maps to the files: `rules/<id>.ts`, `rules/<id>.md`, `test/rules/<id>.test.ts`.
 */
import type { Rule } from "../src/engine/types.js";
import alignmentDkim from "./alignment/dkim.js";
import alignmentSenderNotAuthorized from "./alignment/sender-not-authorized.js";
import alignmentSpf from "./alignment/spf.js";
import dkimMissing from "./dkim/missing.js";
import dkimRevoked from "./dkim/revoked.js";
import dkimServiceExcludesEmail from "./dkim/service-excludes-email.js";
import dkimSha1Only from "./dkim/sha1-only.js";
import dkimSyntax from "./dkim/syntax.js";
import dkimTestingMode from "./dkim/testing-mode.js";
import dkimWeakKey from "./dkim/weak-key.js";
import dmarcDeprecatedTag from "./dmarc/deprecated-tag.js";
import dmarcDiscoveryMismatch from "./dmarc/discovery-mismatch.js";
import dmarcMisplacedRecord from "./dmarc/misplaced-record.js";
import dmarcMissing from "./dmarc/missing.js";
import dmarcMultipleRecords from "./dmarc/multiple-records.js";
import dmarcNoRua from "./dmarc/no-rua.js";
import dmarcPctPartial from "./dmarc/pct-partial.js";
import dmarcPolicyNone from "./dmarc/policy-none.js";
import dmarcRuaUnauthorized from "./dmarc/rua-unauthorized.js";
import dmarcSubdomainPolicyWeaker from "./dmarc/subdomain-policy-weaker.js";
import dmarcSyntax from "./dmarc/syntax.js";
import dmarcTestingMode from "./dmarc/testing-mode.js";
import dnsLookupFailed from "./dns/lookup-failed.js";

export const RULES = {
  "alignment/dkim": alignmentDkim,
  "alignment/sender-not-authorized": alignmentSenderNotAuthorized,
  "alignment/spf": alignmentSpf,
  "dkim/missing": dkimMissing,
  "dkim/revoked": dkimRevoked,
  "dkim/service-excludes-email": dkimServiceExcludesEmail,
  "dkim/sha1-only": dkimSha1Only,
  "dkim/syntax": dkimSyntax,
  "dkim/testing-mode": dkimTestingMode,
  "dkim/weak-key": dkimWeakKey,
  "dmarc/deprecated-tag": dmarcDeprecatedTag,
  "dmarc/discovery-mismatch": dmarcDiscoveryMismatch,
  "dmarc/misplaced-record": dmarcMisplacedRecord,
  "dmarc/missing": dmarcMissing,
  "dmarc/multiple-records": dmarcMultipleRecords,
  "dmarc/no-rua": dmarcNoRua,
  "dmarc/pct-partial": dmarcPctPartial,
  "dmarc/policy-none": dmarcPolicyNone,
  "dmarc/rua-unauthorized": dmarcRuaUnauthorized,
  "dmarc/subdomain-policy-weaker": dmarcSubdomainPolicyWeaker,
  "dmarc/syntax": dmarcSyntax,
  "dmarc/testing-mode": dmarcTestingMode,
  "dns/lookup-failed": dnsLookupFailed,
} as const satisfies Record<string, Rule<never>>;

export type RuleId = keyof typeof RULES;

export const ALL_RULES: readonly Rule<never>[] = Object.values(RULES);

export function findRule(id: string): Rule<never> | undefined {
  return (RULES as Record<string, Rule<never>>)[id];
}
