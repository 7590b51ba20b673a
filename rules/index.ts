/**
 * The rule catalogue: every rule mailaudit runs, keyed by its stable id and sorted by id.
 * The id maps to the files: `rules/<id>.ts`, `rules/<id>.md`, `test/rules/<id>.test.ts`.
 */
import type { Rule } from "../src/engine/types.js";
import alignmentDkim from "./alignment/dkim.js";
import alignmentSenderNotAuthorized from "./alignment/sender-not-authorized.js";
import alignmentSpf from "./alignment/spf.js";
import dkimMissing from "./dkim/missing.js";
import dkimReportedSelectorMissing from "./dkim/reported-selector-missing.js";
import dkimRevoked from "./dkim/revoked.js";
import dkimSelectorsGuessed from "./dkim/selectors-guessed.js";
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
import dmarcSubdomainPolicyIgnored from "./dmarc/subdomain-policy-ignored.js";
import dmarcSubdomainPolicyWeaker from "./dmarc/subdomain-policy-weaker.js";
import dmarcSyntax from "./dmarc/syntax.js";
import dmarcTestingMode from "./dmarc/testing-mode.js";
import dnsAssumedAbsent from "./dns/assumed-absent.js";
import dnsDomainNotFound from "./dns/domain-not-found.js";
import dnsLookupFailed from "./dns/lookup-failed.js";
import dnsNotChecked from "./dns/not-checked.js";
import driftBaseline from "./drift/baseline.js";
import driftDkimKeySize from "./drift/dkim-key-size.js";
import driftDkimSelector from "./drift/dkim-selector.js";
import driftDmarcPolicy from "./drift/dmarc-policy.js";
import driftDmarcRua from "./drift/dmarc-rua.js";
import driftDmarcSubdomainPolicy from "./drift/dmarc-subdomain-policy.js";
import driftSpfAll from "./drift/spf-all.js";
import driftSpfInclude from "./drift/spf-include.js";
import driftSpfLookups from "./drift/spf-lookups.js";
import spfImpossibleName from "./spf/impossible-name.js";
import spfIncludeLoop from "./spf/include-loop.js";
import spfIncludeMissing from "./spf/include-missing.js";
import spfLookupLimit from "./spf/lookup-limit.js";
import spfMacroUncountable from "./spf/macro-uncountable.js";
import spfMissing from "./spf/missing.js";
import spfMultipleRecords from "./spf/multiple-records.js";
import spfMxAddressLimit from "./spf/mx-address-limit.js";
import spfNoAll from "./spf/no-all.js";
import spfPermissiveAll from "./spf/permissive-all.js";
import spfPtr from "./spf/ptr.js";
import spfRecordTooLong from "./spf/record-too-long.js";
import spfSyntax from "./spf/syntax.js";
import spfVoidLookupLimit from "./spf/void-lookup-limit.js";

export const RULES = {
  "alignment/dkim": alignmentDkim,
  "alignment/sender-not-authorized": alignmentSenderNotAuthorized,
  "alignment/spf": alignmentSpf,
  "dkim/missing": dkimMissing,
  "dkim/reported-selector-missing": dkimReportedSelectorMissing,
  "dkim/revoked": dkimRevoked,
  "dkim/selectors-guessed": dkimSelectorsGuessed,
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
  "dmarc/subdomain-policy-ignored": dmarcSubdomainPolicyIgnored,
  "dmarc/subdomain-policy-weaker": dmarcSubdomainPolicyWeaker,
  "dmarc/syntax": dmarcSyntax,
  "dmarc/testing-mode": dmarcTestingMode,
  "dns/assumed-absent": dnsAssumedAbsent,
  "dns/domain-not-found": dnsDomainNotFound,
  "dns/lookup-failed": dnsLookupFailed,
  "dns/not-checked": dnsNotChecked,
  "drift/baseline": driftBaseline,
  "drift/dkim-key-size": driftDkimKeySize,
  "drift/dkim-selector": driftDkimSelector,
  "drift/dmarc-policy": driftDmarcPolicy,
  "drift/dmarc-rua": driftDmarcRua,
  "drift/dmarc-subdomain-policy": driftDmarcSubdomainPolicy,
  "drift/spf-all": driftSpfAll,
  "drift/spf-include": driftSpfInclude,
  "drift/spf-lookups": driftSpfLookups,
  "spf/impossible-name": spfImpossibleName,
  "spf/include-loop": spfIncludeLoop,
  "spf/include-missing": spfIncludeMissing,
  "spf/lookup-limit": spfLookupLimit,
  "spf/macro-uncountable": spfMacroUncountable,
  "spf/missing": spfMissing,
  "spf/multiple-records": spfMultipleRecords,
  "spf/mx-address-limit": spfMxAddressLimit,
  "spf/no-all": spfNoAll,
  "spf/permissive-all": spfPermissiveAll,
  "spf/ptr": spfPtr,
  "spf/record-too-long": spfRecordTooLong,
  "spf/syntax": spfSyntax,
  "spf/void-lookup-limit": spfVoidLookupLimit,
} as const satisfies Record<string, Rule<never>>;

export type RuleId = keyof typeof RULES;

export const ALL_RULES: readonly Rule<never>[] = Object.values(RULES);

export function findRule(id: string): Rule<never> | undefined {
  return (RULES as Record<string, Rule<never>>)[id];
}
