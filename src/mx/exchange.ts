import { isIPv4 } from "node:net";
import { isIPv6TextWithZone } from "../dns/ipv6-syntax.js";
import { canonicalName } from "../dns/types.js";

/** The exchange as compared and shown: lower-case ASCII letters, no trailing dot; the root is ".". */
export function normalizeExchange(exchange: string): string {
  if (exchange === "" || exchange === ".") return ".";
  return canonicalName(exchange);
}

/**
 * An IP address written where a host name belongs (`10 192.0.2.1.`, `10 [192.0.2.1]`): RFC 5321
 * §5.1 looks the exchange up as a domain name, so no address is ever found for it.
 */
export function isIpLiteralExchange(exchange: string): boolean {
  const bare = exchange.replace(/\.$/, "").replace(/^\[(?:IPv6:)?(.*)\]$/i, "$1");
  // Only an IPv6 address holds a ':'. A zone id ("fe80::1%eth0") has always counted as a literal.
  return bare.includes(":") ? isIPv6TextWithZone(bare) : isIPv4(bare);
}
