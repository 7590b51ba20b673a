/**
 * The rule catalogue: every rule mailaudit runs, keyed by its stable id and sorted by id.
 * The id maps to the files: `rules/<id>.ts`, `rules/<id>.md`, `test/rules/<id>.test.ts`.
 */
import type { Rule } from "../src/engine/types.js";
import dnsLookupFailed from "./dns/lookup-failed.js";

export const RULES = {
  "dns/lookup-failed": dnsLookupFailed,
} as const satisfies Record<string, Rule<never>>;

export type RuleId = keyof typeof RULES;

export const ALL_RULES: readonly Rule<never>[] = Object.values(RULES);

export function findRule(id: string): Rule<never> | undefined {
  return (RULES as Record<string, Rule<never>>)[id];
}
