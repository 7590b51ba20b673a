import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeStrayAngleBrackets } from "../../src/reports/stray-angle-brackets.js";

async function escapeChunks(chunks: string[]): Promise<{ text: string; repairs: number }> {
  const stats = { repairs: 0 };
  async function* source() {
    yield* chunks;
  }
  let text = "";
  for await (const piece of escapeStrayAngleBrackets(source(), stats)) text += piece;
  return { text, repairs: stats.repairs };
}

/** The rule of XML 1.0 §3.1 the pass applies, written plainly on the whole text (no chunks, no limit). */
function reference(text: string): string {
  return text.replace(
    /<(?![/!?]|[A-Za-z_:\u00c0-\uffff][A-Za-z0-9_:.\-\u00b7\u00c0-\uffff]*(?:[>/\s]))/g,
    "&lt;",
  );
}

describe("escapeStrayAngleBrackets", () => {
  it("escapes a bare < in text and leaves markup alone", async () => {
    expect(await escapeChunks(["<email><bad@x.net></email>"])).toEqual({
      text: "<email>&lt;bad@x.net></email>",
      repairs: 1,
    });
    expect(await escapeChunks(["<a x='1'>1 < 2</a><b/><?pi?><!-- c -->"])).toEqual({
      text: "<a x='1'>1 &lt; 2</a><b/><?pi?><!-- c -->",
      repairs: 1,
    });
  });

  it("gives the same text however the input is split into chunks", async () => {
    const piece = fc.constantFrom("<", ">", "/", " ", "a", "b:c", "é", "1", "<r>", "</r>", "x@y", "\n", "=");
    await fc.assert(
      fc.asyncProperty(
        fc.array(piece, { maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        async (parts, cuts) => {
          const text = parts.join("");
          const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
          const chunks = [0, ...at].map((start, i) => text.slice(start, at[i] ?? text.length));
          expect((await escapeChunks(chunks)).text).toBe(reference(text));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
