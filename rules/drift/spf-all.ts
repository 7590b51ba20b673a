import { defineDriftRule } from "../../src/config/define-drift-rule.js";
import { QUALIFIER_NAMES } from "../../src/config/expectation-facts.js";
import { finalAll } from "../../src/spf/tree.js";

export default defineDriftRule({
  meta: {
    id: "drift/spf-all",
    type: "drift",
    configKey: "expect.spf.all",
    severity: "error",
    docs: {
      description:
        "The SPF record ends in the `all` qualifier declared in `expect.spf.all` (fail, softfail, neutral, pass)",
      spec: "RFC 7208 §5.1 (all), §4.6.2 (qualifiers), §6.1 (redirect)",
    },
    messages: {
      changed: "SPF for {domain} ends in {actual}, not the declared {expected}.",
    },
    remediation:
      "Restore the declared qualifier on the record's final `all` (`-all` = fail, `~all` = softfail); if the change is intended, update `expect.spf.all` in the same change.",
  },
  check({ snapshot, declared, report }) {
    const expected = declared?.expect?.spf?.all;
    const tree = snapshot.spf?.tree;
    if (!expected || !tree || tree.status !== "ok") return;
    const { qualifier, node } = finalAll(tree);
    // The redirect target could not be read: what it ends in is unknown, not changed.
    if (node.status !== "ok") return;
    const actual = qualifier === null ? "no all" : `${qualifier}all (${QUALIFIER_NAMES[qualifier]})`;
    if (qualifier === null || QUALIFIER_NAMES[qualifier] !== expected) {
      report({ messageId: "changed", data: { domain: snapshot.domain, expected, actual } });
    }
  },
});
