import { readFileSync } from "node:fs";
import { ALL_RULES, findRule } from "../../../rules/index.js";
import { EXIT } from "../../engine/exit-code.js";
import { UsageError } from "../../errors.js";
import { fittedTable } from "../../format/fitted-table.js";
import { ruleDocPath } from "../../paths.js";
import { colorOption } from "../common-options.js";
import { defineCommand, optionalArgument } from "../define-command.js";
import { outputWidth, writeOut } from "../output.js";

/** `mailaudit rules [id]`: the catalogue, or one rule's documentation. */
export default defineCommand({
  name: "rules",
  description: "list the rule catalogue, or print one rule's documentation",
  arguments: [optionalArgument("id", "rule id, e.g. spf/lookup-limit")],
  options: { color: colorOption },
  async run(id) {
    if (id === undefined) {
      const rows = ALL_RULES.map((rule) => [rule.meta.id, rule.meta.severity, rule.meta.docs.description]);
      // Rule ids stay whole while the descriptions can wrap instead.
      const longestId = Math.max(...ALL_RULES.map((rule) => rule.meta.id.length));
      const head = ["rule", "severity", "checks"];
      writeOut(
        `${fittedTable(rows, { head, width: outputWidth(), min: [12, 8, 20], keep: [longestId, 8, 20] })}\n`,
      );
      return EXIT.ok;
    }
    const rule = findRule(id);
    if (!rule) throw new UsageError(`unknown rule "${id}" (run "mailaudit rules" for the list)`);
    writeOut(readFileSync(ruleDocPath(rule.meta.id), "utf8"));
    return EXIT.ok;
  },
});
