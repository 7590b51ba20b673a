/**
 * Small pure facts the `drift/*` rules share: how DMARC policies order, what an SPF qualifier is
 * called in mailaudit.yaml, and every node of an SPF tree.
 */
import type { Qualifier, SpfNode } from "../spf/types.js";
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

/** Every node of the tree, root first (depth-first, record order). */
export function* spfNodes(root: SpfNode | null): Generator<SpfNode> {
  if (!root) return;
  yield root;
  for (const child of root.children) yield* spfNodes(child);
}

/**
 * The `all` that ends evaluation for the domain: the root's own, or, when the root has no `all` and
 * a `redirect=`, the redirect target's (RFC 7208 §6.1: the target's result is the result).
 */
export function finalAll(root: SpfNode): { qualifier: Qualifier | null; node: SpfNode } {
  let node = root;
  for (let hops = 0; node.allQualifier === null && node.hasRedirect && hops < 10; hops++) {
    const target = node.children.find((c) => c.via === "redirect");
    if (!target) break;
    node = target;
  }
  return { qualifier: node.allQualifier, node };
}
