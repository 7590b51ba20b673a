/**
 * RFC 7208 §7.1 macro-string syntax:
 *
 *   macro-string = *( macro-expand / macro-literal )
 *   macro-expand = ( "%{" macro-letter transformers *delimiter "}" ) / "%%" / "%_" / "%-"
 *   macro-literal = %x21-24 / %x26-7E        ; visible characters except "%"
 *   macro-letter = "s" / "l" / "o" / "d" / "i" / "p" / "h" / "c" / "r" / "t" / "v"
 *   transformers = *DIGIT [ "r" ]
 *   delimiter = "." / "-" / "+" / "," / "/" / "_" / "="
 *
 * "c", "r" and "t" are allowed only in explanation text (§7.2), not in domain-specs.
 */

const DOMAIN_LETTERS = "slodiphv";
const EXPLAIN_LETTERS = "slodiphcrtv";
const DELIMITERS = ".-+,/_=";

export interface MacroScan {
  /** Whether the string holds at least one `%{…}` expansion (whose value depends on the connection). */
  hasMacros: boolean;
  /** The first syntax problem, if any. */
  problem?: string;
  /** Whether the string ends in a `%{…}` expansion (then domain-end is satisfied by a macro-expand). */
  endsWithExpand: boolean;
}

export function scanMacroString(text: string, context: "domain" | "explain"): MacroScan {
  const letters = context === "domain" ? DOMAIN_LETTERS : EXPLAIN_LETTERS;
  let hasMacros = false;
  let endsWithExpand = false;
  for (let i = 0; i < text.length; ) {
    const ch = text.charCodeAt(i);
    endsWithExpand = false;
    if (ch !== 0x25) {
      // Explanation text may also hold spaces (explain-string = *( macro-string / SP )).
      const allowed = (ch >= 0x21 && ch <= 0x7e) || (context === "explain" && ch === 0x20);
      if (!allowed)
        return {
          hasMacros,
          endsWithExpand,
          problem: `character ${describeChar(text[i] as string)} is not allowed`,
        };
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === "%" || next === "_" || next === "-") {
      i += 2;
      continue;
    }
    if (next !== "{")
      return { hasMacros, endsWithExpand, problem: `"%" must start %{…}, %%, %_ or %- (§7.1)` };
    const close = text.indexOf("}", i + 2);
    if (close === -1) return { hasMacros, endsWithExpand, problem: "unterminated macro %{" };
    const body = text.slice(i + 2, close);
    const problem = checkMacroBody(body, letters);
    if (problem) return { hasMacros, endsWithExpand, problem };
    hasMacros = true;
    endsWithExpand = true;
    i = close + 1;
  }
  return { hasMacros, endsWithExpand };
}

function checkMacroBody(body: string, letters: string): string | undefined {
  const match = /^([a-z])(\d*)(r?)(.*)$/i.exec(body);
  if (!match) return `empty or malformed macro %{${body}}`;
  const [, letter = "", digits = "", , delimiters = ""] = match;
  if (!letters.includes(letter.toLowerCase())) {
    return EXPLAIN_LETTERS.includes(letter.toLowerCase())
      ? `macro letter "${letter}" is allowed only in exp text (§7.2)`
      : `unknown macro letter "${letter}" (§7.2)`;
  }
  // §7.3: the DIGIT transformer, when given, MUST be nonzero.
  if (digits !== "" && Number(digits) === 0) return `macro %{${body}} keeps zero labels (§7.3)`;
  for (const d of delimiters) {
    if (!DELIMITERS.includes(d)) return `macro %{${body}} has an invalid delimiter "${d}" (§7.1)`;
  }
  return undefined;
}

function describeChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f || code > 0x7e
    ? `U+${code.toString(16).toUpperCase().padStart(4, "0")}`
    : `"${ch}"`;
}
