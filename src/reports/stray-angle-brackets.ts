/**
 * Leniency for one real-world defect: a bare `<` inside text (`<email><bad@x.net></email>`,
 * `<header_from>example.com<foo</header_from>`, see docs/reports.md). In well-formed XML a `<` always
 * starts markup: `</`, `<!`, `<?`, or a name followed by whitespace, `/` or `>` (XML 1.0 §3.1). A `<`
 * followed by anything else cannot be markup, so it is rewritten as `&lt;`: well-formed input passes
 * through unchanged, and the broken one parses with its text kept. Works on a stream of text chunks.
 */

// A name (ASCII subset of XML NameStartChar/NameChar is enough to recognise reports' markup; other
// letters also count as name characters so non-ASCII element names are left alone).
const NAME = /^[A-Za-z_:\u00c0-\uffff][A-Za-z0-9_:.\-\u00b7\u00c0-\uffff]*/;
/** Beyond this many characters after a `<` we stop looking and treat it as markup. */
const LOOKAHEAD = 256;

export interface AngleBracketRepair {
  repairs: number;
}

export async function* escapeStrayAngleBrackets(chunks: AsyncIterable<string>, stats: AngleBracketRepair): AsyncGenerator<string> {
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
  const name = NAME.exec(text.slice(at + 1, at + 1 + LOOKAHEAD));
  if (!name) return "text";
  const after = text[at + 1 + name[0].length];
  if (after === undefined) {
    if (final) return "text";
    return name[0].length >= LOOKAHEAD ? "markup" : "need-more";
  }
  return after === ">" || after === "/" || /\s/.test(after) ? "markup" : "text";
}
