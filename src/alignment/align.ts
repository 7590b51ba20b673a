import { normalizeName } from "../dns/types.js";
import type { AlignmentModeName } from "./types.js";

/**
 * Identifier alignment (RFC 7489 §3.1.1–3.1.2, RFC 9989 §4.4): strict needs the exact same name;
 * relaxed needs the same organizational domain. null when an organizational domain is unknown.
 */
export function isAligned(
  mode: AlignmentModeName,
  identifier: { domain: string; organizationalDomain: string | null },
  from: { domain: string; organizationalDomain: string | null },
): boolean | null {
  if (normalizeName(identifier.domain) === normalizeName(from.domain)) return true;
  if (mode === "strict") return false;
  if (identifier.organizationalDomain === null || from.organizationalDomain === null) return null;
  return normalizeName(identifier.organizationalDomain) === normalizeName(from.organizationalDomain);
}
