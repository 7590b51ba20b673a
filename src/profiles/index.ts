import type { Expectations } from "../config/types.js";
import type { SeverityOverrides } from "../engine/types.js";
import { bod1801 } from "./bod-18-01.js";
import { bulkSender } from "./bulk-sender.js";
import { recommended } from "./recommended.js";
import { strict } from "./strict.js";

/**
 * Built-in rule sets (`--profile`, or `profile:` in mailaudit.yaml): each is a map of severity
 * overrides on top of the rules' own defaults; the config's `rules:` apply on top of the profile.
 * docs/profiles.md gives each one's source and what it changes.
 */
export interface Profile {
  description: string;
  /** Where its requirements come from. */
  source: string;
  overrides: SeverityOverrides;
  /**
   * Expectations every declared domain gets unless its own `expect:` says otherwise (BOD 18-01's
   * p=reject and DHS rua are per-domain facts, which only expectation rules can check).
   */
  expectations?: Expectations;
}

export const PROFILES = {
  "bod-18-01": bod1801,
  "bulk-sender": bulkSender,
  recommended,
  strict,
} as const satisfies Record<string, Profile>;

export type ProfileName = keyof typeof PROFILES;
export const PROFILE_NAMES = Object.keys(PROFILES) as ProfileName[];
export const DEFAULT_PROFILE: ProfileName = "recommended";

export function isProfileName(name: string): name is ProfileName {
  return Object.hasOwn(PROFILES, name);
}

/** Profile first, then the config's own `rules:` (eslint-style: the later, more specific word wins). */
export function severityOverrides(
  profile: ProfileName,
  configRules: SeverityOverrides = {},
): SeverityOverrides {
  return { ...PROFILES[profile].overrides, ...configRules };
}
