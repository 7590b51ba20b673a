import { canonicalName } from "../dns/types.js";

/**
 * RFC 8461 §4.1: an MX host matches a policy's `mx` pattern when the names are equal (ASCII case
 * aside), or when the pattern is `*.` and a domain and the host is one label more than that domain
 * (`*.example.net` matches `mail.example.net`, not `example.net` nor `a.b.example.net`).
 */
export function mxMatchesPattern(host: string, pattern: string): boolean {
  const name = canonicalName(host);
  const wanted = canonicalName(pattern);
  if (!wanted.startsWith("*.")) return name === wanted;
  const dot = name.indexOf(".");
  return dot > 0 && name.slice(dot + 1) === wanted.slice(2);
}

/** The first pattern that covers `host`, or null. */
export function coveringPattern(host: string, patterns: readonly string[]): string | null {
  return patterns.find((pattern) => mxMatchesPattern(host, pattern)) ?? null;
}
