/**
 * RFC 7208 §7.3 macro expansion for one check_host() evaluation. Pure: the caller hands in every
 * value (the time for %{t} included), so the same inputs always give the same name.
 *
 * Ours rather than mailauth's: mailauth 7.1.0 builds a RegExp character class from the delimiters
 * without escaping "-", so `%{d.-+}` throws "Range out of order" (temperror) and `%{d/-=}` splits
 * on every character from "/" to "=" (digits included): wrong names, wrong results. check-host.ts
 * installs this function in its place (see patches/README.md for the upstream fix).
 */
import { isIPv4 } from "node:net";
import { ipv6Canonical, ipv6Groups } from "../dns/ipv6.js";
import { type MacroToken, tokenizeMacroString } from "./macro.js";

/** The values macro letters stand for (§7.2). */
export interface MacroValues {
  /** <sender>: `local@domain` (check_host callers supply `postmaster@` when there is no local part). */
  sender: string;
  /** <ip>: the client address, IPv4 dotted quad or IPv6. */
  ip: string;
  /** HELO/EHLO name; empty when unknown. */
  helo: string;
  /** <domain>: the domain check_host is evaluating now (changes through include and redirect). */
  domain: string;
  /** %{r}: the receiving host's name. */
  receiver: string;
  /** %{p}: the validated domain name of <ip>, when the caller looked it up (§5.5); else "unknown". */
  validatedName?: string;
  /** %{t}: seconds since the epoch. */
  now: number;
}

/** A macro-string that cannot be expanded: a syntax error, which check_host reports as permerror. */
export class MacroExpansionError extends Error {
  override name = "MacroExpansionError";
}

/** Expands a domain-spec or explanation text; throws MacroExpansionError on a malformed string. */
export function expandMacroString(text: string, values: MacroValues): string {
  // All letters are known to the tokenizer here; which of them a domain-spec may use is the
  // parser's decision, made before evaluation (parse.ts).
  const { tokens, problem } = tokenizeMacroString(text, "explain");
  if (problem !== undefined) throw new MacroExpansionError(problem);
  return tokens.map((token) => expandToken(token, values)).join("");
}

function expandToken(token: MacroToken, values: MacroValues): string {
  switch (token.kind) {
    case "literal":
      return token.text;
    case "escape":
      return token.text === "%%" ? "%" : token.text === "%_" ? " " : "%20";
    case "expand": {
      let parts = letterValue(token.letter, values).split(delimiterPattern(token.delimiters));
      if (token.reverse) parts = parts.reverse();
      if (token.keep > 0) parts = parts.slice(-token.keep);
      // §7.3: whatever the delimiters, the parts are joined with ".".
      const value = parts.join(".");
      return token.upper ? urlEscape(value) : value;
    }
  }
}

/** Splits on any one of the delimiters; each is escaped, "-" included (the upstream bug). */
function delimiterPattern(delimiters: string): RegExp {
  return new RegExp(`[${[...delimiters].map((d) => `\\${d}`).join("")}]`);
}

function letterValue(letter: string, values: MacroValues): string {
  const at = values.sender.lastIndexOf("@");
  switch (letter) {
    case "s":
      return values.sender;
    case "l":
      return at === -1 ? "" : values.sender.slice(0, at);
    case "o":
      return values.sender.slice(at + 1);
    case "d":
      return values.domain;
    case "i":
      return dottedAddress(values.ip);
    case "p":
      return values.validatedName ?? "unknown";
    case "v":
      return isIPv4(values.ip) ? "in-addr" : "ip6";
    case "h":
      // An empty HELO would make names end in "."; the address literal is what the client said instead.
      return values.helo || `[${readableAddress(values.ip)}]`;
    case "c":
      return readableAddress(values.ip);
    case "r":
      return values.receiver;
    case "t":
      return String(values.now);
    default:
      throw new MacroExpansionError(`unknown macro letter "${letter}" (§7.2)`);
  }
}

/** %{i}: IPv4 as written; IPv6 as 32 dot-separated nibbles (§7.3). */
function dottedAddress(ip: string): string {
  if (isIPv4(ip)) return ip;
  const groups = ipv6Groups(ip);
  if (!groups) throw new MacroExpansionError(`"${ip}" is not an IP address`);
  return [...groups.join("")].join(".");
}

/** %{c}: IPv4 dotted quad, IPv6 in its RFC 5952 form (§7.3). */
function readableAddress(ip: string): string {
  if (isIPv4(ip)) return ip;
  const canonical = ipv6Canonical(ip);
  if (!canonical) throw new MacroExpansionError(`"${ip}" is not an IP address`);
  return canonical;
}

/** §7.3: upper-case macros are URL-escaped; RFC 3986 unreserved characters stay as they are. */
function urlEscape(value: string): string {
  return [...Buffer.from(value, "utf8")]
    .map((byte) => {
      const ch = String.fromCharCode(byte);
      return /[A-Za-z0-9\-._~]/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    })
    .join("");
}
