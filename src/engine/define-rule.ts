import type { Rule } from "./types.js";

/** Identity helper that gives rule modules their type (the ESLint / attw `defineCheck` pattern). */
export function defineRule<Declared = unknown>(rule: Rule<Declared>): Rule<Declared> {
  return rule;
}
