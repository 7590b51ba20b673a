/**
 * docs/cli.md is the reference users write scripts against: its config example must load with the
 * real loader and catalogue, and its exit-code table (and README's) must say what the code does.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../../rules/index.js";
import { parseConfig } from "../../src/config/parse-config.js";
import { EXIT } from "../../src/engine/exit-code.js";
import { REPO_DIR } from "../helpers/doc-figures.js";

const read = (file: string) => readFileSync(join(REPO_DIR, file), "utf8");

/** The first fenced block of this language after a heading. */
function fencedBlockAfter(text: string, heading: string, language: string): string {
  const from = text.indexOf(`\n${heading}\n`);
  if (from < 0) throw new Error(`no heading "${heading}"`);
  const fence = "```";
  const match = new RegExp(`${fence}${language}\\n([\\s\\S]*?)${fence}`).exec(text.slice(from));
  if (!match?.[1]) throw new Error(`no ${language} block after "${heading}"`);
  return match[1];
}

/** Rows `| 2 | … |` of the first table under "## Exit codes…": code → first cell after it. */
function exitCodeRows(text: string): number[] {
  const from = text.search(/\n## Exit codes/);
  if (from < 0) throw new Error("no Exit codes section");
  const rows: number[] = [];
  for (const line of text.slice(from).split("\n").slice(2)) {
    if (line.startsWith("## ")) break;
    const code = /^\| (\d) \|/.exec(line)?.[1];
    if (code !== undefined) rows.push(Number(code));
  }
  return rows;
}

describe("docs/cli.md", () => {
  it("its config example loads with the real loader and rule catalogue", () => {
    const yaml = fencedBlockAfter(read("docs/cli.md"), "## Config file (`mailaudit.yaml`)", "yaml");
    const config = parseConfig(yaml, { source: "docs/cli.md", knownRuleIds: new Set(Object.keys(RULES)) });
    expect(config.domains.map((d) => d.domain)).toContain("example.com");
    expect(Object.keys(config.rules).length).toBeGreaterThan(0);
  });

  it.each(["docs/cli.md", "README.md"])("%s documents exactly the exit codes the code uses", (file) => {
    expect(exitCodeRows(read(file))).toEqual(Object.values(EXIT).sort());
  });
});
