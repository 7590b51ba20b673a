/**
 * Small pure facts the `drift/*` rules share about mailaudit.yaml's values: how DMARC policies
 * order, what an SPF qualifier is called there.
 */
import type { Qualifier } from "../spf/types.js";
import type { DmarcPolicy, SpfAllQualifier } from "./types.js";

/** RFC 7489 §6.3: none < quarantine < reject, in how much protection they ask receivers for. */
const POLICY_RANK = { none: 0, quarantine: 1, reject: 2 } as const satisfies Record<DmarcPolicy, number>;

export function isWeakerPolicy(actual: DmarcPolicy, expected: DmarcPolicy): boolean {
  return POLICY_RANK[actual] < POLICY_RANK[expected];
}

/** RFC 7208 §4.6.2 qualifiers by the result they produce (the names mailaudit.yaml uses). */
export const QUALIFIER_NAMES = {
  "-": "fail",
  "~": "softfail",
  "?": "neutral",
  "+": "pass",
} as const satisfies Record<Qualifier, SpfAllQualifier>;
