import { getDomain } from "tldts";

/**
 * RFC 7489 §3.2 Organizational Domain: the public suffix of the domain plus one label, from the
 * Public Suffix List (tldts' bundled copy, ICANN and private sections, as receivers use it).
 * Null when the domain is itself a public suffix, or is no domain name at all: no input, or an empty
 * label (".example.com", "a..b"; one trailing dot, the root's, is fine). tldts would skip an empty
 * label and answer for the rest; the PSL's own test vectors say null.
 */
export function pslOrganizationalDomain(domain: string | null): string | null {
  if (domain === null) return null;
  const name = domain.endsWith(".") ? domain.slice(0, -1) : domain;
  if (name.split(".").includes("")) return null;
  return getDomain(name, { allowPrivateDomains: true }) ?? null;
}

/**
 * The names the RFC 9989 §4.10 DNS tree walk asks `_dmarc.` of, in order: the domain itself, then,
 * when it has 8 or more labels, its 7 right-most labels, then one label fewer each time down to the
 * TLD. So never more than 8 names.
 */
export function treeWalkNames(domain: string): string[] {
  const labels = domain.split(".");
  const names = [domain];
  // Step 5: with x >= 8 labels jump to 7; otherwise drop the left-most label.
  let rest = labels.length >= 8 ? labels.slice(-7) : labels.slice(1);
  while (rest.length > 0) {
    names.push(rest.join("."));
    rest = rest.slice(1);
  }
  return names;
}

/** A record found by the walk, with the only tag the walk itself looks at. */
export interface WalkRecord {
  domain: string;
  psd: string | undefined;
}

/**
 * RFC 9989 §4.10.2: the organizational domain from the records a walk found (longest name first):
 * the first psd=n record's domain; below a psd=y record (other than at the start), the domain one
 * label longer than it; else the record with the fewest labels; else the domain itself.
 */
export function selectOrganizationalDomain(domain: string, found: readonly WalkRecord[]): string {
  for (const record of found) {
    if (record.psd === "n") return record.domain;
    if (record.psd === "y" && record.domain !== domain) {
      return domain
        .split(".")
        .slice(-(record.domain.split(".").length + 1))
        .join(".");
    }
  }
  return found.at(-1)?.domain ?? domain;
}
