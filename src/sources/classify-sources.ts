import { isIP } from "node:net";
import { mapWithConcurrency } from "../audit/pool.js";
import { treeWalk } from "../dmarc/discover.js";
import { lookupDmarc } from "../dmarc/lookup-record.js";
import { pslOrganizationalDomain } from "../dmarc/org-domain.js";
import type { Resolver } from "../dns/types.js";
import { type ReverseLookup, reverseLookup } from "../reports/reverse-dns.js";
import { orgDomainQuestions, recomputeAlignment } from "./alignment.js";
import { type ServiceCatalogue, serviceCatalogue } from "./catalogue.js";
import { explainSource } from "./explain-source.js";
import type { SourceRecords } from "./record-groups.js";
import { type SpfAttribution, SpfAttributor } from "./spf-attribution.js";
import type { SourceExplanation } from "./types.js";

/**
 * Explains every source of every domain: the DNS facts first (each distinct (domain, IP) through
 * check_host once, each IP's reverse DNS once, organizational domains once per name), then the pure
 * classification of each source from its records and those facts. Without a resolver (`--no-dns`)
 * nothing is asked: organizational domains come from the Public Suffix List, and what only DNS
 * could decide stays undecided.
 */

export interface ClassifyOptions {
  /** The run's resolver; absent means `--no-dns`. */
  resolver?: Resolver;
  catalogue?: ServiceCatalogue;
  /** DNS work in flight at once (the resolver caps its own queries too). */
  concurrency?: number;
  /** The latest published p= per domain. */
  policies: ReadonlyMap<string, string | null>;
}

export interface ReporterAgreement {
  /** Messages whose recomputed DMARC verdict differs from the reporter's policy_evaluated. */
  messages: number;
  /** The reporter said pass, the recomputation fail (a reporter bug, or an override it did not report). */
  reporterPassOnly: number;
  /** The reporter said fail, the recomputation pass. */
  recomputedPassOnly: number;
  /** Messages whose verdict could not be recomputed (no header_from, DNS failed). */
  unknown: number;
}

export interface ClassifiedSources {
  dns: boolean;
  /** `${domain} ${ip}` → explanation. */
  sources: Map<string, SourceExplanation>;
  /** `${domain} ${org}` → agreement of that reporter's verdicts with the recomputed ones. */
  reporters: Map<string, ReporterAgreement>;
  /** check_host evaluations made: one per distinct (domain, IP) with DNS. */
  spfEvaluations: number;
}

export const sourceKey = (domain: string, ip: string) => `${domain} ${ip}`;

export async function classifySources(
  sources: readonly SourceRecords[],
  options: ClassifyOptions,
): Promise<ClassifiedSources> {
  const { resolver } = options;
  const catalogue = options.catalogue ?? serviceCatalogue();
  const concurrency = options.concurrency ?? 32;
  const orgOf = await organizationalDomains(
    orgDomainQuestions(sources.flatMap((s) => s.groups)),
    resolver,
    concurrency,
  );

  const attributor = resolver ? new SpfAttributor(resolver) : undefined;
  const reverse = new Map<string, Promise<ReverseLookup>>();
  const lookUpReverse = (ip: string) => {
    let lookup = reverse.get(ip);
    if (!lookup && resolver) {
      lookup = reverseLookup(resolver, ip);
      reverse.set(ip, lookup);
    }
    return lookup ?? Promise.resolve(null);
  };
  const dnsFacts = await mapWithConcurrency(sources, concurrency, async (source) => {
    if (!resolver || !attributor || isIP(source.ip) === 0) return { spf: null, reverseDns: null };
    const [spf, reverseDns] = await Promise.all([
      attributor.attribute(source.domain, source.ip) as Promise<SpfAttribution | null>,
      lookUpReverse(source.ip),
    ]);
    return { spf, reverseDns };
  });

  const explained = new Map<string, SourceExplanation>();
  const reporters = new Map<string, ReporterAgreement>();
  sources.forEach((records, i) => {
    const facts = {
      records,
      ...(dnsFacts[i] ?? { spf: null, reverseDns: null }),
      dns: resolver !== undefined,
    };
    explained.set(
      sourceKey(records.domain, records.ip),
      explainSource(facts, { orgOf, catalogue, policy: options.policies.get(records.domain) ?? null }),
    );
    for (const group of records.groups) {
      const key = sourceKey(records.domain, group.org);
      const agreement = reporters.get(key) ?? {
        messages: 0,
        reporterPassOnly: 0,
        recomputedPassOnly: 0,
        unknown: 0,
      };
      reporters.set(key, agreement);
      const recomputed = recomputeAlignment(group, orgOf).pass;
      const reporterPass = group.policyDkim === "pass" || group.policySpf === "pass";
      if (recomputed === null) agreement.unknown += group.messages;
      else if (recomputed !== reporterPass) {
        agreement.messages += group.messages;
        if (reporterPass) agreement.reporterPassOnly += group.messages;
        else agreement.recomputedPassOnly += group.messages;
      }
    }
  });
  return {
    dns: resolver !== undefined,
    sources: explained,
    reporters,
    spfEvaluations: attributor?.evaluations ?? 0,
  };
}

/**
 * Organizational domains of the names relaxed alignment compares: the RFC 9989 DNS tree walk
 * through the run's resolver (as `check` does), or the Public Suffix List without DNS. A walk that
 * DNS cut short leaves the name unknown (null), never guessed.
 */
async function organizationalDomains(
  names: ReadonlySet<string>,
  resolver: Resolver | undefined,
  concurrency: number,
): Promise<(name: string) => string | null> {
  const known = new Map<string, string | null>();
  if (!resolver) return (name) => pslOrganizationalDomain(name);
  const list = [...names];
  const found = await mapWithConcurrency(list, concurrency, async (name) =>
    pslOrganizationalDomain(name) === null
      ? null
      : (await treeWalk(name, (n) => lookupDmarc(resolver, n))).organizationalDomain,
  );
  for (const [i, name] of list.entries()) known.set(name, found[i] ?? null);
  return (name) => (known.has(name) ? (known.get(name) ?? null) : pslOrganizationalDomain(name));
}
