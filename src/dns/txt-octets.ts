const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * TXT character-strings are octets (RFC 1035 §3.3.14). node:dns hands each one out as a Latin-1
 * string (one character per octet), and our zone reader keeps them the same way. Records that are
 * valid UTF-8 are shown as the text their publisher wrote; anything else stays one character per
 * octet, so no byte is lost or replaced (escaping for the terminal happens at output).
 */
export function decodeTxtOctets(latin1: string): string {
  // Pure ASCII (every SPF, DMARC and DKIM record in practice) needs no work.
  if (!/[\u0080-\u00ff]/.test(latin1)) return latin1;
  try {
    return STRICT_UTF8.decode(Buffer.from(latin1, "latin1"));
  } catch {
    return latin1;
  }
}

/**
 * `decodeTxtOctets` of the octets `bytes[start, end)`, read straight from a received message: no
 * Latin-1 string made first only to be searched and, for UTF-8, turned back into octets.
 */
export function decodeTxtBytes(bytes: Buffer, start: number, end: number): string {
  for (let at = start; at < end; at++) {
    if ((bytes[at] as number) >= 0x80) {
      try {
        return STRICT_UTF8.decode(bytes.subarray(start, end));
      } catch {
        return bytes.toString("latin1", start, end);
      }
    }
  }
  return bytes.toString("latin1", start, end);
}
