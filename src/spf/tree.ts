import type { Qualifier, SpfAudit, SpfNode } from "./types.js";

/** Every node of the audit's tree, depth first, root first (for rules that judge each record). */
export function* spfNodes(audit: SpfAudit | undefined): Generator<SpfNode> {
  if (!audit?.tree) return;
  const stack: SpfNode[] = [audit.tree];
  while (stack.length > 0) {
    const node = stack.pop() as SpfNode;
    yield node;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as SpfNode);
  }
}

/**
 * The root, then through each followed redirect the record that replaces it (§6.1), ending at a
 * record with no redirect to follow (it has an `all`, or none) or at a target that could not be read
 * (which is yielded too). Includes are not in it: their result only decides whether the include
 * matched (§5.2).
 */
function* redirectChain(root: SpfNode): Generator<SpfNode> {
  let node: SpfNode | undefined = root;
  while (node) {
    yield node;
    if (node.status !== "ok") return;
    node = node.children.find((c) => c.via === "redirect");
  }
}

/** The records whose result becomes the domain's own result: the redirect chain's readable records. */
export function* resultChain(audit: SpfAudit | undefined): Generator<SpfNode> {
  if (!audit?.tree) return;
  for (const node of redirectChain(audit.tree)) if (node.status === "ok") yield node;
}

/**
 * The `all` that ends evaluation for the domain: the root's own, or, when the root has no `all` and
 * a `redirect=`, the redirect target's (RFC 7208 §6.1: the target's result is the result). `node`
 * is the record it was looked for in (a target that could not be read, when so: its `all` is unknown).
 */
export function finalAll(root: SpfNode): { qualifier: Qualifier | null; node: SpfNode } {
  let node = root;
  for (const next of redirectChain(root)) node = next;
  return { qualifier: node.allQualifier, node };
}
