import type { DmarcUri } from "./types.js";

// RFC 3986 URI characters; "," and "!" must be percent-encoded inside a DMARC URI (RFC 9989 §4.8).
const URI = /^([A-Za-z][A-Za-z0-9+.-]*):((?:[A-Za-z0-9\-._~:/?#[\]@$&'()*+;=]|%[0-9A-Fa-f]{2})*)$/;
// The obsolete size limit (RFC 7489 §6.4 `dmarc-uri = URI [ "!" 1*DIGIT [ "k" / "m" / "g" / "t" ] ]`).
const SIZE_SUFFIX = /!(\d+[kmgtKMGT]?)$/;
// A host name we could ask DNS about: letters, digits, hyphens and underscores in dot-separated labels.
const HOST = /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\.)*[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/;

export type UriCheck = { ok: true; value: DmarcUri } | { ok: false; value: DmarcUri; reason: string };

/** Parses one element of a `rua`/`ruf` list; returns what could be read even when it is invalid. */
export function parseDmarcUri(raw: string): UriCheck {
  const size = SIZE_SUFFIX.exec(raw);
  const uri = size ? raw.slice(0, size.index) : raw;
  const match = URI.exec(uri);
  const value: DmarcUri = {
    raw,
    uri,
    scheme: match ? (match[1] ?? "").toLowerCase() : null,
    host: null,
    size: size?.[1] ?? null,
    valid: false,
  };
  if (!match) {
    const reason = uri.includes(":")
      ? "not a valid URI (',' and '!' must be percent-encoded)"
      : "not a URI (a mailto: address needs the 'mailto:' prefix)";
    return { ok: false, value, reason };
  }
  if (value.scheme !== "mailto") return { ok: true, value: { ...value, valid: true } };
  // mailto:local@host[?headers] (RFC 6068); the host decides where reports go.
  const address = decodePercent((match[2] ?? "").split("?")[0] ?? "");
  const at = address.lastIndexOf("@");
  const host =
    at > 0
      ? address
          .slice(at + 1)
          .toLowerCase()
          .replace(/\.$/, "")
      : "";
  if (at <= 0 || !HOST.test(host))
    return { ok: false, value, reason: "not a mailto: address of the form local@domain" };
  return { ok: true, value: { ...value, host, valid: true } };
}

function decodePercent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
