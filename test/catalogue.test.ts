/**
 * Keeps the catalogue, the docs and the tests in step (ESLint's checkRuleFiles): every rule in
 * rules/index.ts has `rules/<id>.md` with the fixed sections in order, a Messages table naming each
 * messageId, and `test/rules/<id>.test.ts`; the parts generated from each rule's meta (the registry,
 * the README index, the Messages tables) are what `npm run rules:generate` would write now.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ALL_RULES, RULES } from "../rules/index.js";
import { catalogueFiles, ruleIdsFromFiles } from "../scripts/rule-catalogue.js";

const SECTIONS = ["Objective", "Inputs", "Messages", "Procedure", "Remediation", "Options", "Examples"];

function ruleFilesOnDisk(): string[] {
  const ids: string[] = [];
  for (const group of readdirSync("rules", { withFileTypes: true })) {
    if (!group.isDirectory()) continue;
    for (const file of readdirSync(join("rules", group.name))) {
      if (file.endsWith(".ts")) ids.push(`${group.name}/${file.slice(0, -3)}`);
    }
  }
  return ids.sort();
}

describe("rule catalogue", () => {
  it("registers every rule module, sorted by id, under its own id", () => {
    const keys = Object.keys(RULES);
    expect(keys).toEqual([...keys].sort());
    expect(keys).toEqual(ruleFilesOnDisk());
    expect(ruleIdsFromFiles(readdirSync("rules", { recursive: true, encoding: "utf8" }))).toEqual(
      ruleFilesOnDisk(),
    );
    for (const [id, rule] of Object.entries(RULES)) expect(rule.meta.id).toBe(id);
  });

  for (const rule of ALL_RULES) {
    const id = rule.meta.id;
    describe(id, () => {
      it("has a doc with the fixed sections in order, and every messageId in its Messages table", () => {
        const doc = readFileSync(join("rules", `${id}.md`), "utf8");
        expect(doc.startsWith(`# ${id}\n`)).toBe(true);
        const headings = [...doc.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
        expect(headings).toEqual(SECTIONS);
        const messages = doc.split("## Messages")[1]?.split("## Procedure")[0] ?? "";
        for (const messageId of Object.keys(rule.meta.messages)) {
          // Tables may be padded by a formatter: "| failed    |".
          expect(messages).toMatch(new RegExp(`^\\|\\s*${messageId}\\s*\\|`, "m"));
        }
      });

      it("has a test file", () => {
        expect(existsSync(join("test", "rules", `${id}.test.ts`))).toBe(true);
      });

      it("states its spec and remediation", () => {
        expect(rule.meta.docs.spec).not.toBe("");
        expect(rule.meta.remediation.length).toBeGreaterThan(10);
      });
    });
  }

  it("has the generated parts as rules:generate writes them from the rule files and their meta", () => {
    const read = (path: string) => readFileSync(join("rules", path), "utf8");
    const expected = catalogueFiles(
      ruleFilesOnDisk(),
      ALL_RULES.map((rule) => rule.meta),
      read,
    );
    const stale = [...expected].filter(
      ([path, text]) => !existsSync(join("rules", path)) || read(path) !== text,
    );
    expect(
      stale.map(([path]) => `rules/${path}`),
      "stale: run `npm run rules:generate` and commit the result",
    ).toEqual([]);
  });

  it("lists every rule, and only those, in rules/README.md with its default severity", () => {
    const readme = readFileSync(join("rules", "README.md"), "utf8");
    // Tables may be padded by the formatter.
    const listed = [...readme.matchAll(/^\| \[`([a-z-]+\/[a-z0-9-]+)`\]\(([^)]+)\)\s*\| (\w+)\s*\|/gm)];
    expect(listed.map((m) => m[1])).toEqual(Object.keys(RULES));
    for (const [, id, link, severity] of listed) {
      expect(link).toBe(`${id}.md`);
      expect(severity).toBe(
        (RULES as Record<string, { meta: { severity: string } }>)[id as string]?.meta.severity,
      );
    }
  });
});
