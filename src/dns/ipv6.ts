import { isIPv6Text } from "./ipv6-syntax.js";

/**
 * The eight 16-bit groups of an IPv6 address, each as four lower-case hex digits
 * ("2001:db8::1" → ["2001", "0db8", "0000", …, "0001"]), or undefined for anything else. Forms
 * with an embedded IPv4 part ("::ffff:192.0.2.1") are read too: the WHATWG URL parser rewrites
 * every valid address into hex groups first, so only one shape has to be expanded here.
 */
export function ipv6Groups(ip: string): string[] | undefined {
  if (!isIPv6Text(ip)) return undefined;
  const canonical = new URL(`http://[${ip}]/`).hostname.slice(1, -1);
  const [head = "", tail = ""] = canonical.includes("::") ? canonical.split("::") : [canonical, ""];
  const groups = (part: string) => (part === "" ? [] : part.split(":"));
  const left = groups(head);
  const right = groups(tail);
  return [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right].map((g) =>
    g.padStart(4, "0"),
  );
}

/** RFC 5952 text of an IPv6 address (lower case, longest zero run compressed), or undefined. */
export function ipv6Canonical(ip: string): string | undefined {
  if (!isIPv6Text(ip)) return undefined;
  return new URL(`http://[${ip}]/`).hostname.slice(1, -1);
}
