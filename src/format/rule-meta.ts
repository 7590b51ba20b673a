import type { Rule, RuleMeta } from "../engine/types.js";

export function ruleMetaMap(rules: readonly Rule<never>[]): ReadonlyMap<string, RuleMeta> {
  return new Map(rules.map((rule) => [rule.meta.id, rule.meta]));
}
