/**
 * DNS records and reports are hostile data. Before any of it reaches a terminal, C0/C1 control
 * characters, DEL, and the Unicode characters that reorder or hide text (bidi overrides and
 * isolates, zero-width joiners, BOM) are replaced by visible escapes, so a TXT record cannot move the
 * cursor, change colours, rewrite the line or make "-all" read as "+all".
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

export function escapeForTerminal(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u{${code.toString(16)}}`;
  });
}
