import type { RuleId } from "../../rules/ids.js";
import type { Expectations } from "../config/types.js";
import type { SeveritySetting } from "../engine/severity.js";

/**
 * A built-in rule set (`--profile`, or `profile:` in mailaudit.yaml): severity overrides on top of
 * the rules' own defaults; the config's `rules:` apply on top of the profile. docs/profiles.md gives
 * each one's source and what it changes.
 */
export interface Profile {
  description: string;
  /** Where its requirements come from. */
  source: string;
  /** By rule id: a profile naming a rule that does not exist fails to compile. */
  overrides: Partial<Record<RuleId, SeveritySetting>>;
  /**
   * Expectations every declared domain gets unless its own `expect:` says otherwise (BOD 18-01's
   * p=reject and DHS rua are per-domain facts, which only expectation rules can check).
   */
  expectations?: Expectations;
}
