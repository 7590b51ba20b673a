/**
 * Presentation-format TXT data as the DNS APIs take it: quoted character-strings (`"a" "b"`), and
 * unquoted words, each word its own string (RFC 1035 §5.1). `\X` is X; `\DDD` is one octet, decimal
 * in RFC 1035 (Google Cloud DNS, Cloudflare) and octal in Route 53's documented TXT format.
 * Input and output are octets held as Latin-1 characters (see `octets.ts`).
 */
export type EscapeBase = 8 | 10;

export type CharacterStrings = { ok: true; strings: string[] } | { ok: false; reason: string };

const BLANK = /[ \t\r\n]/;

export function parseCharacterStrings(text: string, base: EscapeBase): CharacterStrings {
  const strings: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (BLANK.test(text[i] as string)) {
      i++;
      continue;
    }
    const quoted = text[i] === '"';
    if (quoted) i++;
    let value = "";
    for (;;) {
      if (i >= text.length) {
        if (quoted) return { ok: false, reason: "unterminated quoted string" };
        break;
      }
      const c = text[i] as string;
      if (quoted ? c === '"' : BLANK.test(c) || c === '"') break;
      if (c !== "\\") {
        value += c;
        i++;
        continue;
      }
      const decoded = decodeEscape(text, i, base);
      if (typeof decoded === "object") return { ok: false, reason: decoded.reason };
      value += decoded;
      i += escapeLength(text, i, base);
    }
    if (quoted) i++;
    strings.push(value);
  }
  return { ok: true, strings };
}

/** The octet(s) an escape at `at` stands for, or why it is invalid. */
export function decodeEscape(text: string, at: number, base: EscapeBase): string | { reason: string } {
  const digits = text.slice(at + 1, at + 4);
  if (isEscapeDigits(digits, base)) {
    const octet = Number.parseInt(digits, base);
    if (octet > 255) return { reason: `escape \\${digits} is over 255` };
    return String.fromCharCode(octet);
  }
  const next = text[at + 1];
  if (next === undefined) return { reason: "dangling backslash" };
  return next;
}

function escapeLength(text: string, at: number, base: EscapeBase): number {
  return isEscapeDigits(text.slice(at + 1, at + 4), base) ? 4 : 2;
}

function isEscapeDigits(digits: string, base: EscapeBase): boolean {
  return base === 10 ? /^\d{3}$/.test(digits) : /^[0-7]{3}$/.test(digits);
}
