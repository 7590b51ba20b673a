import { isIP } from "node:net";
import { UsageError } from "../errors.js";

/** The SMTP connection `mailaudit spf --ip` evaluates check_host() for. */
export interface ConnectionIdentity {
  ip: string;
  /** MAIL FROM as check_host sees it; "" is the null reverse-path (the HELO identity is checked). */
  sender: string;
  helo?: string;
  /** The domain named on the command line, as typed (it may be one RFC 7208 §4.3 calls malformed). */
  domain: string;
}

export interface IdentityFlags {
  ip?: string;
  sender?: string;
  helo?: string;
}

/**
 * Turns `--ip`, `--sender` and `--helo` as pasted from a mail log into check_host's input. Only an
 * address that is no IP address is a usage error: a sender with spaces in its local part or a HELO
 * that is no domain is exactly what check_host must judge (RFC 7208 §4.3 gives `none`, §7 macros may
 * still expand them), so they are passed on untouched apart from the log's own wrapping.
 */
export function connectionIdentity(domain: string, flags: IdentityFlags): ConnectionIdentity {
  const helo = flags.helo?.trim();
  return {
    ip: parseClientIp(flags.ip ?? ""),
    sender: flags.sender === undefined ? `postmaster@${domain}` : unwrapPath(flags.sender),
    ...(helo ? { helo } : {}),
    domain,
  };
}

/**
 * An IPv4 or IPv6 address; logs also write them as address literals (`[192.0.2.1]`,
 * `[IPv6:2001:db8::1]`, RFC 5321 §4.1.3), which are unwrapped.
 */
export function parseClientIp(value: string): string {
  const ip = value
    .trim()
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/^ipv6:/i, "");
  if (isIP(ip) === 0) throw new UsageError(`--ip "${value}": not an IPv4 or IPv6 address`);
  return ip;
}

/**
 * MAIL FROM as logs print it: `<user@example.com>` loses its angle brackets, and `<>` (or an empty
 * value) is the null reverse-path of bounces (RFC 5321 §4.5.5). Anything else is kept as written.
 */
function unwrapPath(value: string): string {
  const trimmed = value.trim();
  const wrapped = /^<(.*)>$/s.exec(trimmed);
  return (wrapped ? (wrapped[1] as string) : trimmed).trim();
}
