/**
 * The other half of test/helpers/doc-figures.ts: every figure marker in the published documents is
 * asserted by some test, so no figure can be typed in and left unchecked.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { figureOccurrences, publishedDocuments, REPO_DIR, withoutCodeSpans } from "../helpers/doc-figures.js";

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? testFiles(join(dir, entry.name))
      : entry.name.endsWith(".ts")
        ? [join(dir, entry.name)]
        : [],
  );
}

describe("published figures", () => {
  it("every figure marker names a figure that a test computes and compares", () => {
    const asserting = testFiles(join(REPO_DIR, "test"))
      .map((file) => readFileSync(file, "utf8"))
      .filter((text) => text.includes("expectPublishedFigures("));
    const occurrences = figureOccurrences();
    expect(occurrences.length).toBeGreaterThan(0);
    for (const { name, where } of occurrences)
      expect(
        asserting.some((text) => text.includes(`"${name}"`)),
        `${where}: no test calls expectPublishedFigures with "${name}"`,
      ).toBe(true);
  });

  it("every marker is closed on its own line (an unclosed one would hide its figure from the check)", () => {
    for (const file of publishedDocuments()) {
      readFileSync(file, "utf8")
        .split("\n")
        .map(withoutCodeSpans)
        .forEach((line, i) => {
          const opened = line.match(/<!--figure:/g)?.length ?? 0;
          const closed = line.match(/<!--\/figure-->/g)?.length ?? 0;
          expect(closed, `${file}:${i + 1}: ${opened} figure markers opened, ${closed} closed`).toBe(opened);
        });
    }
  });
});
