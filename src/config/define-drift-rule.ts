import { defineRule } from "../engine/define-rule.js";
import type { Rule, RuleMeta } from "../engine/types.js";
import type { DeclaredKey, DomainDeclaration } from "./types.js";

/**
 * A rule that judges a domain against what its entry in mailaudit.yaml declares: `meta.configKey`
 * names that key (checked against the config's types, so a misspelt key fails to compile), and
 * SARIF and GitHub annotations point the rule's findings at its line.
 */
export function defineDriftRule(
  rule: Rule<DomainDeclaration> & { meta: RuleMeta & { type: "drift"; configKey: DeclaredKey } },
): Rule<DomainDeclaration> {
  return defineRule(rule);
}
