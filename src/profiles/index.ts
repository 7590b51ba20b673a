import type { SeverityOverrides } from "../engine/types.js";
import { bod1801 } from "./bod-18-01.js";
import { bulkSender } from "./bulk-sender.js";
import type { Profile } from "./profile.js";
import { recommended } from "./recommended.js";
import { strict } from "./strict.js";

/** The built-in profiles by name (the Profile type says what one is). */
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
