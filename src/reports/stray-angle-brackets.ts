/**
 * Leniency for one real-world defect: a bare `<` inside text (`<email><bad@x.net></email>`,
 * `<header_from>example.com<foo</header_from>`, see docs/reports.md). In well-formed XML a `<` always
 * starts markup: `</`, `<!`, `<?`, or a name followed by whitespace, `/` or `>` (XML 1.0 §3.1). A `<`
 * followed by anything else cannot be markup, so it is rewritten as `&lt;`: well-formed input passes
 * through unchanged, and the broken one parses with its text kept. Works on a stream of text chunks.
 */

// A name (ASCII subset of XML NameStartChar/NameChar is enough to recognise reports' markup; other
// letters, any UTF-16 unit from U+00C0 up, also count as name characters so non-ASCII element names
// are left alone). Scanned by character code: this pass sees every `<` of a 100 MB report, and
// slicing and regex-matching each one was most of its cost.
function isNameStart(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    code === 0x5f ||
    code === 0x3a ||
    code >= 0xc0
  );
}

function isNameChar(code: number): boolean {
  return (
    isNameStart(code) || (code >= 0x30 && code <= 0x39) || code === 0x2e || code === 0x2d || code === 0xb7
  );
}

/** Beyond this many characters after a `<` we stop looking and treat it as markup. */
const LOOKAHEAD = 256;

export interface AngleBracketRepair {
  repairs: number;
}

export async function* escapeStrayAngleBrackets(
  chunks: AsyncIterable<string>,
  stats: AngleBracketRepair,
): AsyncGenerator<string> {
  let carry = "";
  for await (const chunk of chunks) {
    const text = carry + chunk;
    const { output, rest } = rewrite(text, false, stats);
    carry = rest;
    if (output) yield output;
  }
  const { output } = rewrite(carry, true, stats);
  if (output) yield output;
}

/** Rewrites up to the last `<` whose fate needs more text than we have (unless at the end). */
function rewrite(text: string, final: boolean, stats: AngleBracketRepair): { output: string; rest: string } {
  let output = "";
  let from = 0;
  for (let at = text.indexOf("<"); at !== -1; at = text.indexOf("<", at + 1)) {
    const verdict = classify(text, at, final);
    if (verdict === "need-more") {
      return { output: output + text.slice(from, at), rest: text.slice(at) };
    }
    if (verdict === "text") {
      output += `${text.slice(from, at)}&lt;`;
      from = at + 1;
      stats.repairs++;
    }
  }
  return { output: output + text.slice(from), rest: "" };
}

function classify(text: string, at: number, final: boolean): "markup" | "text" | "need-more" {
  const next = text[at + 1];
  if (next === undefined) return final ? "text" : "need-more";
  if (next === "/" || next === "!" || next === "?") return "markup";
  if (!isNameStart(text.charCodeAt(at + 1))) return "text";
  // The name's length, looking at no more than LOOKAHEAD characters.
  const limit = Math.min(text.length, at + 1 + LOOKAHEAD);
  let end = at + 2;
  while (end < limit && isNameChar(text.charCodeAt(end))) end++;
  const nameLength = end - (at + 1);
  const after = text[at + 1 + nameLength];
  if (after === undefined) {
    if (final) return "text";
    return nameLength >= LOOKAHEAD ? "markup" : "need-more";
  }
  return after === ">" || after === "/" || /\s/.test(after) ? "markup" : "text";
}
