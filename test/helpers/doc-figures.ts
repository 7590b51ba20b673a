/**
 * Figures the documentation publishes are computed by tests, never typed in and forgotten. In
 * Markdown a figure is wrapped in a marker that names it (Markdown renders only the value):
 *
 *     **<!--figure:spf.rfc7208.matching-->197<!--/figure--> of <!--figure:spf.rfc7208.cases-->203<!--/figure-->**
 *
 * The test that computes the figure calls `expectPublishedFigures({ "spf.rfc7208.matching": 197, … })`:
 * every marker of that name, in every published document, must hold that value, and there must be at
 * least one. `test/docs/figures.test.ts` checks the other direction: every marker in the documents
 * is asserted by some test. So a change that moves a figure fails until the documents say so.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

export const REPO_DIR = fileURLToPath(new URL("../../", import.meta.url));

/** The documents whose figures are checked: the top-level Markdown files and everything in docs/. */
export function publishedDocuments(): string[] {
  const top = readdirSync(REPO_DIR)
    .filter((f) => f.endsWith(".md"))
    .map((f) => join(REPO_DIR, f));
  const docs = readdirSync(join(REPO_DIR, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => join(REPO_DIR, "docs", f));
  return [...top, ...docs].sort();
}

export interface FigureOccurrence {
  name: string;
  value: string;
  /** Repository-relative path and line, for messages. */
  where: string;
}

const MARKER = /<!--figure:([\w.-]+)-->(.*?)<!--\/figure-->/g;

/** A line without its inline code spans: a marker shown in backticks is an example, not a figure. */
export function withoutCodeSpans(line: string): string {
  return line.replace(/`[^`]*`/g, "");
}

/** Every figure marker in the published documents. */
export function figureOccurrences(): FigureOccurrence[] {
  return publishedDocuments().flatMap((file) =>
    readFileSync(file, "utf8")
      .split("\n")
      .flatMap((line, i) =>
        [...withoutCodeSpans(line).matchAll(MARKER)].map(([, name = "", value = ""]) => ({
          name,
          value,
          where: `${relative(REPO_DIR, file)}:${i + 1}`,
        })),
      ),
  );
}

/** Asserts that the documents publish exactly these computed values, each at least once. */
export function expectPublishedFigures(figures: Record<string, number | string>): void {
  const all = figureOccurrences();
  for (const [name, computed] of Object.entries(figures)) {
    const found = all.filter((o) => o.name === name);
    expect(found.length, `no document publishes figure "${name}" (computed: ${computed})`).toBeGreaterThan(0);
    for (const o of found)
      expect(o.value, `${o.where}: figure "${name}" says ${o.value}, the test computed ${computed}`).toBe(
        String(computed),
      );
  }
}

/**
 * The backticked names in the first column of the Markdown table(s) under a heading (up to the next
 * heading of any level): lets a test compare a documented list (known failures, limits) with its own.
 */
export function tableNamesUnderHeading(file: string, heading: string): string[] {
  const lines = readFileSync(join(REPO_DIR, file), "utf8").split("\n");
  const start = lines.findIndex((l) => /^#+ /.test(l) && l.replace(/^#+ /, "") === heading);
  if (start < 0) throw new Error(`${file}: no heading "${heading}"`);
  const names: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^#+ /.test(line)) break;
    const firstCell = /^\|([^|]*)\|/.exec(line)?.[1];
    if (firstCell === undefined) continue;
    for (const [, name = ""] of firstCell.matchAll(/`([^`]+)`/g)) names.push(name);
  }
  return names;
}
