import { treeWalk } from "../dmarc/discover.js";
import { lookupDmarc } from "../dmarc/lookup-record.js";
import type { AlignmentMode } from "../dmarc/types.js";
import type { Resolver } from "../dns/types.js";
import { checkHost } from "../spf/check-host.js";
import { isAligned } from "./align.js";
import type {
  AlignmentModeName,
  DeclaredSender,
  IdentifierAlignment,
  IpEvaluation,
  SenderAlignment,
} from "./types.js";

export interface AlignmentSettings {
  /** `aspf` / `adkim` of the DMARC record that applies to the From domain (relaxed by default). */
  modes: { spf: AlignmentMode; dkim: AlignmentMode };
}

/**
 * For each declared sender: does its return-path domain (SPF) and its d= domain (DKIM) align with the
 * audited From domain, and does each of its IPs pass SPF at the return-path domain? Organizational
 * domains come from the RFC 9989 tree walk, so relaxed alignment agrees with today's receivers.
 */
export async function collectAlignment(
  resolver: Resolver,
  fromDomain: string,
  senders: readonly DeclaredSender[],
  settings: AlignmentSettings,
): Promise<SenderAlignment[]> {
  if (senders.length === 0) return [];
  const orgCache = new Map<string, Promise<string | null>>();
  const organizationalDomain = (domain: string) => {
    const key = domain.toLowerCase();
    let result = orgCache.get(key);
    if (!result) {
      result = treeWalk(key, (name) => lookupDmarc(resolver, name)).then((walk) => walk.organizationalDomain);
      orgCache.set(key, result);
    }
    return result;
  };
  const from = { domain: fromDomain, organizationalDomain: await organizationalDomain(fromDomain) };
  const identifier = async (
    domain: string | undefined,
    mode: AlignmentMode,
  ): Promise<IdentifierAlignment | null> => {
    if (!domain) return null;
    const modeName: AlignmentModeName = mode === "s" ? "strict" : "relaxed";
    const id = { domain, organizationalDomain: await organizationalDomain(domain) };
    return { ...id, mode: modeName, aligned: isAligned(modeName, id, from) };
  };
  return Promise.all(
    senders.map(async (sender): Promise<SenderAlignment> => {
      // Without a declared return path the sender is taken to use the From domain as envelope sender.
      const spfDomain = sender.returnPath ?? fromDomain;
      const [spf, dkim, ips] = await Promise.all([
        identifier(sender.returnPath, settings.modes.spf),
        identifier(sender.dkimDomain, settings.modes.dkim),
        Promise.all((sender.ips ?? []).map((ip) => evaluateIp(resolver, ip, spfDomain))),
      ]);
      return {
        name: sender.name,
        fromDomain,
        fromOrganizationalDomain: from.organizationalDomain,
        spf,
        dkim,
        ips,
      };
    }),
  );
}

async function evaluateIp(resolver: Resolver, ip: string, domain: string): Promise<IpEvaluation> {
  const outcome = await checkHost({ ip, domain, sender: `postmaster@${domain}` }, resolver);
  return { ip, domain, result: outcome.result, explanation: outcome.explanation };
}
