import type { Resolver } from "../dns/types.js";

/**
 * Whether a name exists (RFC 9989 §4.10.1 uses NXDOMAIN, RFC 8020, to pick `np`): any record makes
 * it exist, only NXDOMAIN says it does not. An A query follows CNAMEs and reports a dangling target's
 * NXDOMAIN, so after NXDOMAIN the name's own CNAME is asked too. null when DNS could not tell.
 */
export async function domainExists(resolver: Resolver, domain: string): Promise<boolean | null> {
  const a = await resolver.query(domain, "A");
  if (a.kind === "ok" || a.kind === "nodata") return true;
  if (a.kind === "temperror") return null;
  const cname = await resolver.query(domain, "CNAME");
  if (cname.kind === "temperror") return null;
  return cname.kind === "ok";
}
