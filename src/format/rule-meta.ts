import type { RuleMeta } from "../engine/types.js";

export function ruleMetaMap(rules: readonly { meta: RuleMeta }[]): ReadonlyMap<string, RuleMeta> {
  return new Map(rules.map((rule) => [rule.meta.id, rule.meta]));
}
