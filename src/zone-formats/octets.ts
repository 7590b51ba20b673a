/**
 * TXT data in our zones is octets held as Latin-1 characters (as node:dns answers and the RFC 1035
 * reader hold them). JSON and YAML inputs hold Unicode text, which providers publish as UTF-8.
 */
export function utf8Octets(text: string): string {
  // ASCII is its own encoding: skip the Buffer round trip for the records that matter most.
  if (isAscii(text)) return text;
  return Buffer.from(text, "utf8").toString("latin1");
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** RFC 1035 §3.3: a character-string holds at most 255 octets. */
export const MAX_CHARACTER_STRING = 255;

/**
 * Splits one long octet string into 255-octet character-strings, as the providers that accept a
 * single long TXT value do (Cloudflare, Azure, DNSControl). An empty value stays one empty string.
 */
export function splitCharacterStrings(octets: string): string[] {
  if (octets.length <= MAX_CHARACTER_STRING) return [octets];
  const parts: string[] = [];
  for (let i = 0; i < octets.length; i += MAX_CHARACTER_STRING) {
    parts.push(octets.slice(i, i + MAX_CHARACTER_STRING));
  }
  return parts;
}
