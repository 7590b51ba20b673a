import type { DNSResolver } from "mailauth";
import { RECORD_TYPES, type RecordType, type Resolver } from "./types.js";

/**
 * Turns our value-returning `Resolver` back into mailauth's node:dns-shaped contract
 * (`(name, rrtype) => Promise<records>`, negative answers as rejections with a
 * node:dns error code), so mailauth can evaluate check_host over the same DNS, cache and fixtures
 * as the rest of the audit.
 *
 * - NXDOMAIN → `ENOTFOUND`, NODATA → `ENODATA`: mailauth counts both as void lookups (RFC 7208 §4.6.4).
 * - Temporary failure → `ETIMEOUT` for a timeout, otherwise `ESERVFAIL`: both become temperror.
 * - A type we do not ask for → `ENODATA` (nothing we could say about it).
 */
export function toMailauthResolver(resolver: Resolver): DNSResolver {
  const adapted = async (name: string, rrtype: string): Promise<unknown> => {
    const type = rrtype.toUpperCase();
    if (!isRecordType(type)) throw dnsError("ENODATA", name, rrtype);
    const answer = await resolver.query(name, type);
    switch (answer.kind) {
      case "ok":
        // Copies: mailauth sorts MX lists in place, and our answers may be shared through the cache.
        return answer.records.map((r) => (Array.isArray(r) ? [...r] : typeof r === "object" ? { ...r } : r));
      case "nxdomain":
        throw dnsError("ENOTFOUND", name, rrtype);
      case "nodata":
        throw dnsError("ENODATA", name, rrtype);
      case "temperror":
        throw dnsError(answer.reason === "timeout" ? "ETIMEOUT" : "ESERVFAIL", name, rrtype, answer.reason);
    }
  };
  // mailauth's d.ts types answers as string arrays only, though MX answers are objects ({ exchange, priority }).
  return adapted as DNSResolver;
}

function isRecordType(type: string): type is RecordType {
  return (RECORD_TYPES as readonly string[]).includes(type);
}

function dnsError(code: string, name: string, rrtype: string, reason?: string): NodeJS.ErrnoException {
  // The message follows node:dns ("queryTxt ENOTFOUND example.com"), which mailauth may show.
  const error: NodeJS.ErrnoException = new Error(
    `query${rrtype} ${code} ${name}${reason ? ` (${reason})` : ""}`,
  );
  error.code = code;
  return error;
}
