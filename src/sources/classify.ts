import type { ReverseLookup } from "../reports/reverse-dns.js";
import { isAlignedName, mailFromResults, type OrgDomainOf, recomputeAlignment } from "./alignment.js";
import type { ServiceCatalogue } from "./catalogue.js";
import type { RecordGroup, SourceRecords } from "./record-groups.js";
import type { SpfAttribution } from "./spf-attribution.js";
import type { ClassBasis, ServiceMatch, SourceClass } from "./types.js";

/**
 * Classifying a source (pure: every DNS answer is already in `facts`). Each group of its records
 * gets a class, in this order (docs/reports.md):
 *
 * 1. aligned: passes DMARC, recomputed from auth_results (the reporter's verdict when that cannot
 *    be recomputed);
 * 2. forwarded: the reporter says forwarded or mailing list; or a DKIM signature of the domain
 *    verifies yet DMARC fails; or a signature of the domain was broken on the way while the relay
 *    authenticated as itself (a mailing list) and the domain's SPF does not list the IP;
 * 3. authorized-unaligned: the domain's current SPF authorizes the IP, or a catalogued service's
 *    DKIM signature verifies, yet nothing aligns;
 * 4. unauthorized: none of these, and nothing left unknown. A DNS failure that kept the SPF check or
 *    reverse DNS from answering leaves the group undecided (never "unauthorized" because DNS
 *    failed); so does `--no-dns` when the report alone cannot say whether the domain's SPF lists it.
 */

export interface SourceFacts {
  records: SourceRecords;
  /** null: not evaluated (`--no-dns`, or the source is no IP address). */
  spf: SpfAttribution | null;
  reverseDns: ReverseLookup | null;
  dns: boolean;
}

const FORWARDING_REASONS = new Set(["forwarded", "trusted_forwarder", "mailing_list"]);

export interface GroupVerdict {
  basis: ClassBasis;
  /** The recomputed DMARC verdict differs from the reporter's (both known). */
  disagrees: boolean;
}

export function classifyGroup(
  group: RecordGroup,
  facts: SourceFacts,
  orgOf: OrgDomainOf,
  catalogue: ServiceCatalogue,
): GroupVerdict {
  const recomputed = recomputeAlignment(group, orgOf);
  const reporterPass = group.policyDkim === "pass" || group.policySpf === "pass";
  const disagrees = recomputed.pass !== null && recomputed.pass !== reporterPass;
  const verdict = (basis: ClassBasis): GroupVerdict => ({ basis, disagrees });
  if (recomputed.pass ?? reporterPass) {
    return verdict({
      class: "aligned",
      byReporter: recomputed.pass === null,
      ...(recomputed.dkimDomain ? { dkimDomain: recomputed.dkimDomain } : {}),
      ...(recomputed.spfDomain ? { spfDomain: recomputed.spfDomain } : {}),
    });
  }
  const reported = group.reasons.filter((r) => FORWARDING_REASONS.has(r));
  if (reported.length > 0)
    return verdict({ class: "forwarded", via: "reported", reasons: [...new Set(reported)] });

  const from = group.headerFrom || facts.records.domain;
  const own = group.dkim.filter((d) => isAlignedName("r", d.domain, from, orgOf) === true);
  const ownVerified = own.find((d) => d.result === "pass");
  if (ownVerified)
    return verdict({ class: "forwarded", via: "own-signature-verified", dkimDomain: ownVerified.domain });
  const spfAuthorizes = facts.spf?.result === "pass";
  const relay =
    group.dkim.find((d) => d.result === "pass")?.domain ??
    mailFromResults(group).find((s) => s.result === "pass" && s.domain !== "")?.domain;
  const ownBroken = own[0];
  if (ownBroken && relay && !spfAuthorizes)
    return verdict({ class: "forwarded", via: "own-signature-broken", dkimDomain: ownBroken.domain, relay });

  if (spfAuthorizes) return verdict({ class: "authorized-unaligned", via: "spf" });
  if (group.dkim.some((d) => d.result === "pass" && catalogue.byDkimDomain(d.domain)))
    return verdict({ class: "authorized-unaligned", via: "service-dkim" });

  const candidates: SourceClass[] = ["authorized-unaligned", "unauthorized"];
  if (!facts.dns || facts.spf === null) {
    // The report alone: when the receiver checked the domain's own SPF (the envelope is the domain's)
    // and it did not pass, the domain's SPF did not list the IP then.
    const ownEnvelope = mailFromResults(group).filter(
      (s) => isAlignedName("r", s.domain, from, orgOf) === true,
    );
    if (ownEnvelope.length > 0 && ownEnvelope.every((s) => s.result !== "pass" && s.result !== "temperror"))
      return verdict({ class: "unauthorized" });
    return verdict(
      facts.dns
        ? { class: null, candidates, reason: "not-an-ip", detail: "the source is no IP address" }
        : { class: null, candidates, reason: "no-dns", detail: "--no-dns: your SPF was not checked" },
    );
  }
  if (facts.spf.result === "temperror")
    return verdict({ class: null, candidates, reason: "dns-spf", detail: facts.spf.reason ?? "DNS failed" });
  if (facts.reverseDns?.kind === "failed")
    return verdict({ class: null, candidates, reason: "dns-reverse", detail: facts.reverseDns.reason });
  return verdict({ class: "unauthorized" });
}

/** Which service sent it, from the strongest evidence down (ServiceMatch.via). */
export function recogniseService(facts: SourceFacts, catalogue: ServiceCatalogue): ServiceMatch | null {
  const match = (
    service: ReturnType<ServiceCatalogue["byInclude"]>,
    via: ServiceMatch["via"],
    evidence: string,
  ): ServiceMatch | null =>
    service
      ? { name: service.name, id: service.id, via, evidence, alignmentGuide: service.alignmentGuide ?? null }
      : null;
  const path = facts.spf?.result === "pass" ? facts.spf.path : [];
  // The innermost catalogued include: a company-wide include wrapping a vendor's names the vendor.
  for (const name of [...path].reverse()) {
    const found = match(catalogue.byInclude(name), "spf-include", name);
    if (found) return found;
  }
  const byMessages = [...facts.records.groups].sort((a, b) => b.messages - a.messages);
  for (const group of byMessages)
    for (const d of group.dkim) {
      const found = d.result === "pass" ? match(catalogue.byDkimDomain(d.domain), "dkim", d.domain) : null;
      if (found) return found;
    }
  for (const group of byMessages)
    for (const domain of [...mailFromResults(group).map((s) => s.domain), group.envelopeFrom]) {
      const found = domain ? match(catalogue.byReturnPath(domain), "return-path", domain) : null;
      if (found) return found;
    }
  const rdns = facts.reverseDns;
  if (rdns?.kind === "name" && rdns.confirmed === true)
    return match(catalogue.byReverseName(rdns.name), "reverse-dns", rdns.name);
  return null;
}
