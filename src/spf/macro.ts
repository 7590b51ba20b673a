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
 * One tokenizer serves both the syntax check (`scanMacroString`) and the expansion
 * (`expand-macro.ts`), so what the parser accepts is exactly what check_host can expand.
 */

const DOMAIN_LETTERS = "slodiphv";
const EXPLAIN_LETTERS = "slodiphcrtv";
const DELIMITERS = ".-+,/_=";

export type MacroContext = "domain" | "explain";

/** One piece of a macro-string. */
export type MacroToken =
  | { kind: "literal"; text: string }
  /** `%%`, `%_` or `%-`: an expansion whose value never depends on the connection. */
  | { kind: "escape"; text: "%%" | "%_" | "%-" }
  /** `%{…}`: letter lower-cased, `upper` when written in upper case (URL-escaped, §7.3). */
  | {
      kind: "expand";
      text: string;
      letter: string;
      upper: boolean;
      /** The DIGIT transformer: keep this many right-most parts (0: all). */
      keep: number;
      reverse: boolean;
      /** Delimiters to split on ("." when none are given). */
      delimiters: string;
    };

export type MacroTokens =
  | { tokens: MacroToken[]; problem?: undefined }
  | { tokens?: undefined; problem: string };

export function tokenizeMacroString(text: string, context: MacroContext): MacroTokens {
  const letters = context === "domain" ? DOMAIN_LETTERS : EXPLAIN_LETTERS;
  const tokens: MacroToken[] = [];
  let literalStart = -1;
  const endLiteral = (at: number) => {
    if (literalStart !== -1) tokens.push({ kind: "literal", text: text.slice(literalStart, at) });
    literalStart = -1;
  };
  for (let i = 0; i < text.length; ) {
    const ch = text.charCodeAt(i);
    if (ch !== 0x25) {
      // Explanation text may also hold spaces (explain-string = *( macro-string / SP )).
      const allowed = (ch >= 0x21 && ch <= 0x7e) || (context === "explain" && ch === 0x20);
      if (!allowed) return { problem: `character ${describeChar(text[i] as string)} is not allowed` };
      if (literalStart === -1) literalStart = i;
      i++;
      continue;
    }
    endLiteral(i);
    const next = text[i + 1];
    if (next === "%" || next === "_" || next === "-") {
      tokens.push({ kind: "escape", text: `%${next}` });
      i += 2;
      continue;
    }
    if (next !== "{") return { problem: `"%" must start %{…}, %%, %_ or %- (§7.1)` };
    const close = text.indexOf("}", i + 2);
    if (close === -1) return { problem: "unterminated macro %{" };
    const token = readExpand(text.slice(i + 2, close), letters);
    if (typeof token === "string") return { problem: token };
    tokens.push(token);
    i = close + 1;
  }
  endLiteral(text.length);
  return { tokens };
}

function readExpand(body: string, letters: string): MacroToken | string {
  const match = /^([a-z])(\d*)(r?)(.*)$/i.exec(body);
  if (!match) return `empty or malformed macro %{${body}}`;
  const [, letter = "", digits = "", reverse = "", delimiters = ""] = match;
  const lower = letter.toLowerCase();
  if (!letters.includes(lower)) {
    return EXPLAIN_LETTERS.includes(lower)
      ? `macro letter "${letter}" is allowed only in exp text (§7.2)`
      : `unknown macro letter "${letter}" (§7.2)`;
  }
  // §7.3: the DIGIT transformer, when given, MUST be nonzero.
  if (digits !== "" && Number(digits) === 0) return `macro %{${body}} keeps zero labels (§7.3)`;
  for (const d of delimiters) {
    if (!DELIMITERS.includes(d)) return `macro %{${body}} has an invalid delimiter "${d}" (§7.1)`;
  }
  return {
    kind: "expand",
    text: `%{${body}}`,
    letter: lower,
    upper: letter !== lower,
    keep: digits === "" ? 0 : Number(digits),
    reverse: reverse !== "",
    delimiters: delimiters === "" ? "." : delimiters,
  };
}

export interface MacroScan {
  /**
   * Whether the string holds any macro-expand (`%{…}`, `%%`, `%_`, `%-`): then the name it builds is
   * known only to check_host's expansion, and the static audit never sends it to DNS as written.
   */
  hasMacros: boolean;
  /** The first syntax problem, if any. */
  problem?: string;
  /** Whether the string ends in a macro-expand (then domain-end is satisfied by it, §7.1). */
  endsWithExpand: boolean;
}

export function scanMacroString(text: string, context: MacroContext): MacroScan {
  const { tokens, problem } = tokenizeMacroString(text, context);
  if (problem !== undefined) return { hasMacros: false, endsWithExpand: false, problem };
  return {
    hasMacros: tokens.some((t) => t.kind !== "literal"),
    endsWithExpand: tokens.length > 0 && tokens[tokens.length - 1]?.kind !== "literal",
  };
}

function describeChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f || code > 0x7e
    ? `U+${code.toString(16).toUpperCase().padStart(4, "0")}`
    : `"${ch}"`;
}
