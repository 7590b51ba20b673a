import type { Resolver } from "../dns/types.js";
import { pslOrganizationalDomain } from "./org-domain.js";
import { isDmarcRecord } from "./parse.js";
import type { DmarcTags, ReportAuthorization } from "./types.js";

/**
 * External report destinations (RFC 7489 §7.1, moved to RFC 9990 by DMARCbis): a `mailto:` host
 * whose organizational domain differs from the policy domain's must publish a `v=DMARC1` TXT record
 * at `<policy-domain>._report._dmarc.<host>` (a `*` wildcard there works too, answered by DNS);
 * otherwise receivers MUST NOT send it reports.
 */
export async function checkReportAuthorizations(
  resolver: Resolver,
  policyDomain: string,
  tags: DmarcTags,
): Promise<ReportAuthorization[]> {
  const policyOrg = pslOrganizationalDomain(policyDomain) ?? policyDomain;
  const external = (["rua", "ruf"] as const).flatMap((tag) =>
    (tags[tag] ?? [])
      .filter((u) => u.valid && u.host !== null && (pslOrganizationalDomain(u.host) ?? u.host) !== policyOrg)
      .map((u) => ({ tag, uri: u.uri, host: u.host as string })),
  );
  return Promise.all(
    external.map(async ({ tag, uri, host }): Promise<ReportAuthorization> => {
      const name = `${policyDomain}._report._dmarc.${host}`;
      const answer = await resolver.query(name, "TXT");
      const authorized =
        answer.kind === "temperror"
          ? null
          : answer.kind === "ok" && answer.records.some((chunks) => isDmarcRecord(chunks.join("")));
      return { tag, uri, host, name, authorized };
    }),
  );
}
