import type { DomainSnapshot } from "../engine/types.js";
import { identityOf } from "./canonical.js";
import { type Change, diffJson } from "./diff.js";
import { baselineView } from "./lockfile.js";

/** Every change between a domain's baseline record and what DNS shows now. Pure. */
export function changesSinceBaseline(recorded: unknown, current: DomainSnapshot): Change[] {
  return diffJson(recorded, baselineView(current), { keyOf: identityOf });
}
