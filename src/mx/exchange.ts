import { isIPv4, isIPv6 } from "node:net";
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
  // Only an IPv6 address holds a ':'. Host names (nearly every exchange) never meet node:net's
  // IPv6 pattern, whose first use alone cost ~5 ms of CPU in a short `check` run.
  return bare.includes(":") ? isIPv6(bare) : isIPv4(bare);
}
