import type { Profile } from "./profile.js";

/** The rules' own default severities, unchanged: what `mailaudit rules` lists. */
export const recommended: Profile = {
  description: "each rule at its default severity",
  source: "mailaudit's rule catalogue (rules/<id>.md)",
  overrides: {},
};
