import type { SpfAudit, SpfNode } from "./types.js";

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
 * The records whose result becomes the domain's own result: the root and, through each followed
 * redirect, the record that replaces it (§6.1). Includes are not in it: their result only decides
 * whether the include matched (§5.2).
 */
export function* resultChain(audit: SpfAudit | undefined): Generator<SpfNode> {
  let node = audit?.tree ?? undefined;
  while (node && node.status === "ok") {
    yield node;
    node = node.children.find((c) => c.via === "redirect");
  }
}
