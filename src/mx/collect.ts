import type { DnsAnswer, Resolver } from "../dns/types.js";
import { isIpLiteralExchange, normalizeExchange } from "./exchange.js";
import type { MxAudit, MxHost } from "./types.js";

/**
 * More than any real domain lists (the SPF `mx` limit is 10, RFC 7208 §4.6.4); past it, hosts are
 * counted but not looked up, so a hostile answer cannot make one audit ask hundreds of questions.
 */
export const MAX_MX_HOSTS_CHECKED = 20;

/** Asks MX for `domain`, then each host's addresses (or, with no MX, the domain's own). DNS only. */
export async function collectMx(resolver: Resolver, domain: string): Promise<MxAudit> {
  const answer = await resolver.query(domain, "MX");
  if (answer.kind === "temperror")
    return {
      status: "inconclusive",
      records: [],
      nullMx: false,
      hosts: [],
      hostsNotChecked: 0,
      implicitAddresses: null,
    };
  if (answer.kind !== "ok" || answer.records.length === 0) {
    const implicit = await addressesOf(resolver, domain);
    return {
      status: "none",
      records: [],
      nullMx: false,
      hosts: [],
      hostsNotChecked: 0,
      implicitAddresses: implicit.status === "inconclusive" ? null : implicit.addresses,
    };
  }
  const records = answer.records
    .map((r) => ({ priority: r.priority, exchange: normalizeExchange(r.exchange) }))
    .sort((a, b) => a.priority - b.priority || compareText(a.exchange, b.exchange));
  const real = records.filter((r) => r.exchange !== ".");
  const checked = real.slice(0, MAX_MX_HOSTS_CHECKED);
  const hosts = await Promise.all(checked.map((r) => lookUpHost(resolver, r.exchange, r.priority)));
  return {
    status: "found",
    records,
    nullMx: real.length < records.length,
    hosts,
    hostsNotChecked: real.length - checked.length,
    implicitAddresses: null,
  };
}

async function lookUpHost(resolver: Resolver, name: string, priority: number): Promise<MxHost> {
  if (isIpLiteralExchange(name)) return { name, priority, status: "ip-literal", cnames: [], addresses: [] };
  const found = await addressesOf(resolver, name);
  return { name, priority, ...found };
}

async function addressesOf(
  resolver: Resolver,
  name: string,
): Promise<Pick<MxHost, "status" | "cnames" | "addresses">> {
  const answers: DnsAnswer<string[]>[] = await Promise.all([
    resolver.query(name, "A"),
    resolver.query(name, "AAAA"),
  ]);
  const addresses = answers.flatMap((a) => (a.kind === "ok" ? a.records : []));
  const chain = answers.find((a) => a.kind !== "temperror" && (a.cnames?.length ?? 0) > 0);
  const cnames = chain && chain.kind !== "temperror" ? (chain.cnames ?? []) : [];
  if (addresses.length > 0) return { status: "ok", cnames, addresses };
  const failed = answers.some((a) => a.kind === "temperror");
  return { status: failed ? "inconclusive" : "no-address", cnames, addresses };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
