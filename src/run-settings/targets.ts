import type { AuditTarget } from "../audit/audit.js";
import type { Config, DomainDeclaration, Expectations } from "../config/types.js";

/**
 * Every domain a config declares, in file order, each followed by its `subdomains:`. A subdomain
 * entry is audited on its own (its effective DMARC policy, RFC 9989 §4.10.1) and is expected to
 * carry the policy its parent declares for subdomains (`expect.dmarc.subdomainPolicy`).
 */
export function expandDeclarations(config: Config, defaults: Expectations | undefined): DomainDeclaration[] {
  const explicit = new Set(config.domains.map((d) => d.domain));
  return config.domains.flatMap((entry) => {
    const declared = withDefaults(entry, defaults);
    const children = entry.subdomains
      .filter((sub) => !explicit.has(sub))
      .map((sub, i) => subdomainDeclaration(declared, sub, i));
    return [declared, ...children];
  });
}

/** A domain's expectations with a profile's defaults under them: the domain's own keys win. */
function withDefaults(declaration: DomainDeclaration, defaults: Expectations | undefined): DomainDeclaration {
  if (!defaults) return declaration;
  const own = declaration.expect ?? {};
  const expect: Expectations = {};
  const sections = new Set([...Object.keys(defaults), ...Object.keys(own)]) as Set<keyof Expectations>;
  for (const section of sections) {
    const merged = { ...defaults[section], ...own[section] };
    if (Object.keys(merged).length > 0) Object.assign(expect, { [section]: merged });
  }
  return { ...declaration, expect };
}

/** A bare declaration for a domain named on the command line (profile defaults still apply). */
export function commandLineDeclaration(
  domain: string,
  defaults: Expectations | undefined,
): DomainDeclaration {
  return withDefaults({ domain, subdomains: [], selectors: [], senders: [] }, defaults);
}

function subdomainDeclaration(parent: DomainDeclaration, domain: string, index: number): DomainDeclaration {
  const subdomainPolicy = parent.expect?.dmarc?.subdomainPolicy;
  const lines: Record<string, number> = {};
  const itemLine = parent.lines?.[`subdomains[${index}]`];
  if (itemLine !== undefined) lines[""] = itemLine;
  const policyLine = parent.lines?.["expect.dmarc.subdomainPolicy"];
  if (policyLine !== undefined) lines["expect.dmarc.policy"] = policyLine;
  return {
    domain,
    parent: parent.domain,
    subdomains: [],
    selectors: [],
    senders: [],
    ...(subdomainPolicy ? { expect: { dmarc: { policy: subdomainPolicy } } } : {}),
    lines,
  };
}

/** Declarations → audit targets, adding selectors given on the command line to every domain. */
export function toTargets(
  declarations: readonly DomainDeclaration[],
  extraSelectors: readonly string[],
): AuditTarget[] {
  return declarations.map((declared) => ({
    domain: declared.domain,
    selectors: [...new Set([...declared.selectors, ...extraSelectors])],
    declared,
  }));
}
