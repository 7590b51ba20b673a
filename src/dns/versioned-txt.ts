import type { Resolver } from "./types.js";

/** What one TXT question showed of the records of one protocol version (`v=STSv1`, `v=BIMI1`, …). */
export interface VersionedTxt {
  name: string;
  /** found: at least one such record; none: NXDOMAIN, NODATA or only other TXT; inconclusive: DNS failed. */
  status: "found" | "none" | "inconclusive";
  /** Every TXT record at the name that starts with the version tag (any letter case), strings joined. */
  records: string[];
}

/**
 * Asks TXT at `name` and keeps the records that start with `version` followed by ";", white space or
 * the end, in any letter case: the RFCs discard every other record (RFC 8461 §3.1, RFC 8460 §3), and
 * a record whose version is spelled in another case is kept so that its parser can say so. The
 * character-strings of one record are joined without spaces (RFC 8461 §3.1).
 */
export async function lookupVersionedTxt(
  resolver: Resolver,
  name: string,
  version: string,
): Promise<VersionedTxt> {
  const answer = await resolver.query(name, "TXT");
  if (answer.kind === "temperror") return { name, status: "inconclusive", records: [] };
  if (answer.kind !== "ok") return { name, status: "none", records: [] };
  const start = version.toLowerCase();
  const records = answer.records
    .map((chunks) => chunks.join(""))
    .filter((text) => {
      const lower = text.toLowerCase();
      return lower.startsWith(start) && /^(?:$|[;\s])/.test(lower.slice(start.length));
    });
  return { name, status: records.length > 0 ? "found" : "none", records };
}
