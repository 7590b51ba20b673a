import { BlockList, isIP, isIPv4 } from "node:net";
import type { Resolver } from "../dns/types.js";
import { type CheckHostOutcome, checkHost, type SpfResult } from "../spf/check-host.js";
import { collectSpf } from "../spf/collect.js";
import { parseSpfRecord } from "../spf/parse.js";
import type { MechanismTerm, SpfAudit, SpfNode } from "../spf/types.js";

/**
 * Does the domain's **current** SPF record authorize a source, and through which of its terms?
 * The verdict is RFC 7208 check_host() (src/spf/check-host.ts) for the IP with the domain as MAIL
 * FROM; the term is found in the static include tree (src/spf/collect.ts, read once per domain)
 * by following the terms in order the way check_host does, down to the record that lists the IP.
 * Each (domain, IP) is evaluated once per run; DNS goes through the run's caching resolver.
 */

export interface SpfAttribution {
  result: SpfResult;
  /** The term of the domain's own record that authorizes the IP (`include:sendgrid.net`), when one can be named. */
  authorizedBy: string | null;
  /** Include (or redirect) targets from the domain's record down to the record that lists the IP. */
  path: string[];
  /** check_host's reason for temperror and permerror; null otherwise. */
  reason: string | null;
}

type CheckHost = (
  input: { ip: string; domain: string; sender: string },
  resolver: Resolver,
) => Promise<CheckHostOutcome>;

export class SpfAttributor {
  readonly #resolver: Resolver;
  readonly #checkHost: CheckHost;
  readonly #trees = new Map<string, Promise<SpfAudit>>();
  readonly #results = new Map<string, Promise<SpfAttribution>>();
  /** check_host evaluations made (one per distinct domain and IP). */
  evaluations = 0;

  constructor(resolver: Resolver, evaluate: CheckHost = checkHost) {
    this.#resolver = resolver;
    this.#checkHost = evaluate;
  }

  attribute(domain: string, ip: string): Promise<SpfAttribution> {
    const key = `${domain}\u0000${ip}`;
    let result = this.#results.get(key);
    if (!result) {
      result = this.#evaluate(domain, ip);
      this.#results.set(key, result);
    }
    return result;
  }

  async #evaluate(domain: string, ip: string): Promise<SpfAttribution> {
    this.evaluations++;
    const outcome = await this.#checkHost({ ip, domain, sender: `postmaster@${domain}` }, this.#resolver);
    const reason =
      outcome.result === "temperror" || outcome.result === "permerror" ? (outcome.explanation ?? null) : null;
    if (outcome.result !== "pass") return { result: outcome.result, authorizedBy: null, path: [], reason };
    const tree = (await this.#tree(domain)).tree;
    const found = tree ? await authorizingTerm(tree, ip, this.#resolver, 0) : "unknown";
    return typeof found === "object"
      ? { result: "pass", authorizedBy: found.term, path: found.path, reason: null }
      : { result: "pass", authorizedBy: null, path: [], reason: null };
  }

  #tree(domain: string): Promise<SpfAudit> {
    let tree = this.#trees.get(domain);
    if (!tree) {
      tree = collectSpf(this.#resolver, domain);
      this.#trees.set(domain, tree);
    }
    return tree;
  }
}

interface Found {
  term: string;
  path: string[];
}

/** Deeper than check_host's own 10-lookup limit allows; a guard, never reached by a valid tree. */
const MAX_DEPTH = 12;

/**
 * The first term of `node`'s record that matches `ip`, if it gives `pass` (RFC 7208 §4.6.2, §5.2):
 * "no" when the record does not pass the IP, "unknown" when a term that cannot be decided here
 * (`exists`, `ptr`, a macro, a node DNS failed on) comes before any decision.
 */
async function authorizingTerm(
  node: SpfNode,
  ip: string,
  resolver: Resolver,
  depth: number,
): Promise<Found | "no" | "unknown"> {
  if (node.status !== "ok" || !node.record || depth > MAX_DEPTH) return "unknown";
  const terms = parseCached(node.record).terms;
  for (const term of terms) {
    if (term.kind !== "mechanism") continue;
    const match = await termMatches(term, node, ip, resolver, depth);
    if (match === "unknown") return "unknown";
    if (match === false) continue;
    if (term.qualifier !== "+") return "no";
    return { term: term.text, path: match === true ? [] : match };
  }
  const redirect = terms.find((t) => t.kind === "modifier" && t.name === "redirect");
  const target = redirect && node.children.find((c) => c.via === "redirect");
  if (!redirect || !target) return "no";
  const found = await authorizingTerm(target, ip, resolver, depth + 1);
  return typeof found === "object" ? { term: redirect.text, path: [target.domain, ...found.path] } : found;
}

/** true / false, "unknown", or (for an include that passes) the path below it. */
async function termMatches(
  term: MechanismTerm,
  node: SpfNode,
  ip: string,
  resolver: Resolver,
  depth: number,
): Promise<boolean | string[] | "unknown"> {
  switch (term.mechanism) {
    case "all":
      return true;
    case "ip4":
    case "ip6":
      return (
        term.network !== undefined &&
        inNetwork(ip, term.network, term.mechanism === "ip4" ? term.cidr4 : term.cidr6)
      );
    case "include": {
      const child = node.children.find((c) => c.via === "include" && c.term === term.text);
      if (term.hasMacros || !child) return "unknown";
      const found = await authorizingTerm(child, ip, resolver, depth + 1);
      return typeof found === "object" ? [child.domain, ...found.path] : found === "no" ? false : "unknown";
    }
    case "a":
    case "mx": {
      if (term.hasMacros) return "unknown";
      const hosts =
        term.mechanism === "a"
          ? [term.domainSpec ?? node.domain]
          : await mxHosts(term.domainSpec ?? node.domain, resolver);
      if (hosts === null) return "unknown";
      for (const host of hosts) {
        const answer = await resolver.query(host, isIPv4(ip) ? "A" : "AAAA");
        if (answer.kind === "temperror") return "unknown";
        if (answer.kind !== "ok") continue;
        const prefix = isIPv4(ip) ? term.cidr4 : term.cidr6;
        if (answer.records.some((address) => inNetwork(ip, address, prefix))) return true;
      }
      return false;
    }
    default:
      // exists and ptr depend on more than this tree holds.
      return "unknown";
  }
}

async function mxHosts(domain: string, resolver: Resolver): Promise<string[] | null> {
  const answer = await resolver.query(domain, "MX");
  if (answer.kind === "temperror") return null;
  return answer.kind === "ok" ? answer.records.map((mx) => mx.exchange) : [];
}

const networks = new Map<string, BlockList>();

/** Whether `ip` lies in `network`/`prefix` (full length when no prefix is written). */
function inNetwork(ip: string, network: string, prefix: number | undefined): boolean {
  const v4 = isIPv4(ip);
  if (isIP(ip) === 0 || isIP(network) === 0 || v4 !== isIPv4(network)) return false;
  const bits = prefix ?? (v4 ? 32 : 128);
  const key = `${network}/${bits}`;
  let list = networks.get(key);
  if (!list) {
    list = new BlockList();
    try {
      list.addSubnet(network, bits, v4 ? "ipv4" : "ipv6");
    } catch {
      // Not an address this family can hold: it matches nothing.
    }
    if (networks.size > 50_000) networks.clear();
    networks.set(key, list);
  }
  return list.check(ip, v4 ? "ipv4" : "ipv6");
}

const parsed = new Map<string, ReturnType<typeof parseSpfRecord>>();

function parseCached(record: string): ReturnType<typeof parseSpfRecord> {
  let result = parsed.get(record);
  if (!result) {
    result = parseSpfRecord(record);
    if (parsed.size > 10_000) parsed.clear();
    parsed.set(record, result);
  }
  return result;
}
