import { defineDriftRule } from "../../src/config/define-drift-rule.js";
import { spfNodes } from "../../src/spf/tree.js";

export default defineDriftRule({
  meta: {
    id: "drift/spf-include",
    type: "drift",
    configKey: "expect.spf.includes",
    severity: "error",
    docs: {
      description:
        "Every include declared in `expect.spf.includes` is reached somewhere in the domain's SPF tree",
      spec: "RFC 7208 §5.2 (include), §6.1 (redirect)",
    },
    messages: {
      missing: "SPF for {domain} no longer includes {name} (declared in the config).",
    },
    remediation:
      "Put `include:<name>` back into the SPF record (or into the include that used to carry it); if the service was retired on purpose, remove it from `expect.spf.includes` in the same change.",
  },
  check({ snapshot, declared, report }) {
    const expected = declared?.expect?.spf?.includes;
    const spf = snapshot.spf;
    if (!expected || !spf) return;
    // Reached by include: or redirect= at any depth: a service moved under a nested include still counts.
    const reached = new Set<string>();
    for (const node of spfNodes(spf)) if (node.via !== "root") reached.add(node.domain.toLowerCase());
    for (const name of expected) {
      if (reached.has(name.toLowerCase())) continue;
      // Part of the tree unread (DNS failure) or unknowable (macros): absence cannot be concluded.
      if (spf.inconclusive || spf.lookupCountIsLowerBound) continue;
      report({ messageId: "missing", data: { domain: snapshot.domain, name } });
    }
  },
});
