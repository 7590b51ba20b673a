import { isIPv4 } from "node:net";

/*
 * IPv6 address text (RFC 4291 §2.2), checked by a hand-written scanner. node:net's isIPv6 is one
 * very large regular expression that V8 compiles on first use (5–6 ms in a fresh process, then
 * ~1.6 ms more when it tiers up), and nearly every SPF tree holds `ip6:` terms, so a `check` run
 * would pay that on every start. The scanner accepts exactly what node:net's pattern accepts
 * (test/dns/ipv6-syntax.test.ts holds it against node:net):
 *
 *   address  = pieces, with at most one "::" among or around them
 *   piece    = h16 / ipv4        ; an ipv4 piece only as the last one, counting as two groups
 *   h16      = 1*4HEXDIG        ; either case
 *   ipv4     = dec "." dec "." dec "." dec   ; node:net's isIPv4, a small pattern
 *   dec      = "0" / %x31-39 0*2DIGIT, at most 255   ; no leading zeros ("04" is refused)
 *
 * Without "::" the groups number exactly 8; with it at most 7, since "::" stands for one zero
 * group or more.
 */

/** Whether `text` is an IPv6 address. A zone id ("fe80::1%eth0") is refused: no DNS or SPF data carries one. */
export function isIPv6Text(text: string): boolean {
  const end = text.length;
  let at = 0;
  let groups = 0;
  let compressed = false;
  if (text.startsWith("::")) {
    compressed = true;
    at = 2;
    if (at === end) return true;
  }
  for (;;) {
    let next = at;
    while (next < end && isHexDigit(text.charCodeAt(next))) next++;
    if (text.charCodeAt(next) === DOT) {
      // The dotted-quad form of the last 32 bits: it must run to the end of the text.
      if (!isIPv4(text.slice(at))) return false;
      groups += 2;
      break;
    }
    if (next === at || next - at > 4) return false;
    groups++;
    if (next === end) break;
    if (text.charCodeAt(next) !== COLON) return false;
    next++;
    if (text.charCodeAt(next) === COLON) {
      if (compressed) return false;
      compressed = true;
      next++;
      if (next === end) break;
    } else if (next === end) {
      return false; // a single trailing ':'
    }
    at = next;
  }
  return compressed ? groups <= 7 : groups === 8;
}

/**
 * node:net's isIPv6, zone ids included: the address, then optionally "%" and one or more of
 * letters, digits, "-", "." and ":". For the callers that have always taken a zone id (the
 * `--resolver` value, an MX exchange written as an address literal).
 */
export function isIPv6TextWithZone(text: string): boolean {
  const percent = text.indexOf("%");
  if (percent === -1) return isIPv6Text(text);
  return ZONE_ID.test(text.slice(percent + 1)) && isIPv6Text(text.slice(0, percent));
}

/** node:net's isIP: 4, 6 (zone ids included) or 0, without compiling node's IPv6 pattern. */
export function ipFamily(text: string): 0 | 4 | 6 {
  if (isIPv4(text)) return 4;
  return isIPv6TextWithZone(text) ? 6 : 0;
}

const DOT = 0x2e;
const COLON = 0x3a;
const ZONE_ID = /^[0-9A-Za-z.:-]+$/;

function isHexDigit(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
}
