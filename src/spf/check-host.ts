import { toMailauthResolver } from "../dns/mailauth-adapter.js";
import type { Resolver } from "../dns/types.js";
import { loadMailauthSpf } from "./mailauth-spf.js";

/** The results of RFC 7208 §2.6. */
export const SPF_RESULTS = ["pass", "fail", "softfail", "neutral", "none", "permerror", "temperror"] as const;
export type SpfResult = (typeof SPF_RESULTS)[number];

export interface CheckHostInput {
  /** The SMTP client's IP address (IPv4 or IPv6). */
  ip: string;
  /** MAIL FROM; empty or absent means the null reverse-path, and the HELO identity is checked (§2.4). */
  sender?: string;
  /** HELO/EHLO name. */
  helo?: string;
  /**
   * The domain whose policy is evaluated. Used to build `postmaster@<domain>` when no sender is
   * given; when a sender is given, its domain is the one RFC 7208 §4.1 evaluates.
   */
  domain?: string;
}

export interface CheckHostOutcome {
  result: SpfResult;
  /** The domain owner's `exp=` text for a fail (§6.2), or mailauth's reason for other results; null if none. */
  explanation: string | null;
  /** The record check_host evaluated at the top, when one was found. */
  record: string | null;
  /** DNS-querying terms this evaluation used (it stops at the first match, unlike the static walker). */
  lookups: { count: number; void: number; limit: number };
}

/**
 * RFC 7208 check_host() for one connection, evaluated by mailauth's `spf()` in strict mode
 * (docs/conformance.md gives its score on the RFC 7208 suite; the lenient default mode bends §4.6.4's
 * void counting and exp/HELO syntax) over our resolver, with our record parser deciding syntax and
 * our macro expansion (mailauth-spf.ts). Core logic: returns a value, never prints.
 */
export async function checkHost(input: CheckHostInput, resolver: Resolver): Promise<CheckHostOutcome> {
  const sender = input.sender ?? (input.domain ? `postmaster@${input.domain}` : "");
  const spf = await loadMailauthSpf();
  const response = await spf({
    ip: input.ip,
    sender,
    ...(input.helo === undefined ? {} : { helo: input.helo }),
    // Names our own host in mailauth's comments; a fixed value keeps results reproducible.
    mta: "mailaudit",
    resolver: toMailauthResolver(resolver),
    strict: true,
  });
  const result = toSpfResult(response.status.result);
  const lookups = (response as { lookups?: { count?: number; void?: number; limit?: number } }).lookups ?? {};
  const explanation =
    (response as { explanation?: string }).explanation ??
    (result === "fail" || result === "pass" ? null : (response.status.comment ?? null));
  return {
    result,
    explanation,
    record: response.rr ?? null,
    lookups: { count: lookups.count ?? 0, void: lookups.void ?? 0, limit: lookups.limit ?? 10 },
  };
}

function toSpfResult(value: string): SpfResult {
  // mailauth's deprecated spelling; anything unknown is treated as "could not tell".
  if (value === "temperr") return "temperror";
  return (SPF_RESULTS as readonly string[]).includes(value) ? (value as SpfResult) : "temperror";
}
