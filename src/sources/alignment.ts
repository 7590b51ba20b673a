import type { RecordGroup } from "./record-groups.js";

/**
 * DMARC identifier alignment recomputed from what the receiver authenticated (auth_results) and the
 * From domain (header_from), with the adkim/aspf published when the report was made (RFC 7489
 * §3.1, RFC 9989 §4.4): the reporter's own verdict (policy_evaluated) is what it applied, this is
 * what the published policy says it should have been. Where they differ, either the reporter is
 * wrong or something it did not report (ARC, a local override) changed its mind.
 */

/** Organizational domain of a name, already looked up (null: could not be told, DNS failed). */
export type OrgDomainOf = (name: string) => string | null;

export interface RecomputedAlignment {
  /** A passing DKIM signature whose d= aligns; null when an organizational domain was unknown. */
  dkim: boolean | null;
  /** A passing SPF check (MAIL FROM) whose domain aligns; null likewise. */
  spf: boolean | null;
  /** DMARC pass (aligned DKIM or SPF); null when it cannot be told (no header_from, DNS failed). */
  pass: boolean | null;
  /** The aligned identifiers that passed, for the explanation. */
  dkimDomain?: string;
  spfDomain?: string;
}

export function recomputeAlignment(group: RecordGroup, orgOf: OrgDomainOf): RecomputedAlignment {
  const from = group.headerFrom;
  if (from === "") return { dkim: null, spf: null, pass: null };
  const dkim = firstAligned(
    group.dkim.filter((d) => d.result === "pass").map((d) => d.domain),
    group.adkim,
    from,
    orgOf,
  );
  const spf = firstAligned(
    mailFromResults(group)
      .filter((s) => s.result === "pass")
      .map((s) => s.domain),
    group.aspf,
    from,
    orgOf,
  );
  const pass =
    dkim.aligned === true || spf.aligned === true
      ? true
      : dkim.aligned === null || spf.aligned === null
        ? null
        : false;
  return {
    dkim: dkim.aligned,
    spf: spf.aligned,
    pass,
    ...(dkim.domain ? { dkimDomain: dkim.domain } : {}),
    ...(spf.domain ? { spfDomain: spf.domain } : {}),
  };
}

/** DMARC uses the MAIL FROM identity (RFC 7489 §4.1); an unscoped result is taken as that one. */
export function mailFromResults(group: RecordGroup): RecordGroup["spf"] {
  return group.spf.filter((s) => s.scope === "" || s.scope === "mfrom");
}

function firstAligned(
  domains: readonly string[],
  mode: "r" | "s",
  from: string,
  orgOf: OrgDomainOf,
): { aligned: boolean | null; domain?: string } {
  let unknown = false;
  for (const domain of domains) {
    const aligned = isAlignedName(mode, domain, from, orgOf);
    if (aligned === true) return { aligned, domain };
    if (aligned === null) unknown = true;
  }
  return { aligned: unknown ? null : false };
}

/**
 * Strict: the same name. Relaxed: the same organizational domain. Names that do not share their last
 * two labels cannot have one (an organizational domain is a suffix of both and is never a bare TLD),
 * so only names that do are looked up (`needsOrgDomain`).
 */
export function isAlignedName(
  mode: "r" | "s",
  identifier: string,
  from: string,
  orgOf: OrgDomainOf,
): boolean | null {
  if (identifier === from) return true;
  if (mode === "s" || !needsOrgDomain(identifier, from)) return false;
  const a = orgOf(identifier);
  const b = orgOf(from);
  return a === null || b === null ? null : a === b;
}

function needsOrgDomain(identifier: string, from: string): boolean {
  if (identifier === "" || identifier === from) return false;
  const tail = (name: string) => name.split(".").slice(-2).join(".");
  return identifier.includes(".") && from.includes(".") && tail(identifier) === tail(from);
}

/** Every name whose organizational domain the groups' relaxed comparisons need. */
export function orgDomainQuestions(groups: Iterable<RecordGroup>): Set<string> {
  const names = new Set<string>();
  for (const group of groups) {
    const from = group.headerFrom;
    const ask = (domain: string, mode: "r" | "s") => {
      if (mode === "r" && needsOrgDomain(domain, from)) {
        names.add(domain);
        names.add(from);
      }
    };
    // Every signature, passing or not: "a signature of yours" (forwarding) is judged relaxed.
    for (const d of group.dkim) ask(d.domain, "r");
    for (const s of mailFromResults(group)) if (s.result === "pass") ask(s.domain, group.aspf);
  }
  return names;
}
