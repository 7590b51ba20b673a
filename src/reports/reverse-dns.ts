import { isIPv4 } from "node:net";
import { ipv6Canonical, ipv6Groups } from "../dns/ipv6.js";
import type { Resolver } from "../dns/types.js";

/**
 * The reverse-lookup name of an address: RFC 1035 §3.5 (in-addr.arpa, octets reversed) and
 * RFC 3596 §2.5 (ip6.arpa, the 32 nibbles reversed). Undefined for anything that is not an IP.
 */
export function reverseName(ip: string): string | undefined {
  if (isIPv4(ip)) return `${ip.split(".").reverse().join(".")}.in-addr.arpa`;
  const groups = ipv6Groups(ip);
  if (!groups) return undefined;
  return `${[...groups.join("")].reverse().join(".")}.ip6.arpa`;
}

/**
 * What reverse DNS says of an address: its PTR name, and whether that name's own addresses lead back
 * to it (forward-confirmed, FCrDNS: anyone can publish any PTR for their own addresses, so only a
 * confirmed name says who runs the server). "failed" is a DNS failure (timeout, SERVFAIL): nothing
 * is known, which is not the same as "none".
 */
export type ReverseLookup =
  | { kind: "name"; name: string; confirmed: boolean | null }
  | { kind: "none" }
  | { kind: "failed"; reason: string };

export async function reverseLookup(resolver: Resolver, ip: string): Promise<ReverseLookup> {
  const question = reverseName(ip);
  if (!question) return { kind: "none" };
  const answer = await resolver.query(question, "PTR");
  if (answer.kind === "temperror") return { kind: "failed", reason: answer.reason };
  const name = answer.kind === "ok" ? answer.records[0]?.replace(/\.$/, "") : undefined;
  if (!name) return { kind: "none" };
  const forward = await resolver.query(name, isIPv4(ip) ? "A" : "AAAA");
  if (forward.kind === "temperror") return { kind: "name", name, confirmed: null };
  const want = isIPv4(ip) ? ip : ipv6Canonical(ip);
  const confirmed =
    forward.kind === "ok" && forward.records.some((a) => (isIPv4(ip) ? a : ipv6Canonical(a)) === want);
  return { kind: "name", name, confirmed };
}
