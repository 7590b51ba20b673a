import { readFileSync } from "node:fs";
import Table from "cli-table3";
import { ALL_RULES, findRule } from "../../../rules/index.js";
import { EXIT } from "../../engine/exit-code.js";
import { ruleDocPath } from "../../paths.js";
import { UsageError } from "../errors.js";
import { writeOut } from "../output.js";

/** `mailaudit rules [id]`: the catalogue, or one rule's documentation. */
export async function run(id: string | undefined): Promise<number> {
  if (id === undefined) {
    const table = new Table({
      head: ["rule", "severity", "checks"],
      style: { head: [], border: [] },
      wordWrap: true,
    });
    for (const rule of ALL_RULES) table.push([rule.meta.id, rule.meta.severity, rule.meta.docs.description]);
    writeOut(`${table.toString()}\n`);
    return EXIT.ok;
  }
  const rule = findRule(id);
  if (!rule) throw new UsageError(`unknown rule "${id}" (run "mailaudit rules" for the list)`);
  writeOut(readFileSync(ruleDocPath(rule.meta.id), "utf8"));
  return EXIT.ok;
}
