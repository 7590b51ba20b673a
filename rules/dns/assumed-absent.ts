import { defineRule } from "../../src/engine/define-rule.js";

export default defineRule({
  meta: {
    id: "dns/assumed-absent",
    type: "problem",
    severity: "notice",
    docs: {
      description: "With --offline, names outside every --zone were taken as non-existent without asking DNS",
      spec: "RFC 8020 (NXDOMAIN: nothing at or below the name); RFC 9989 §4.10 (the tree walk asks names above the zone)",
    },
    messages: {
      assumed:
        "{count} name(s) outside every --zone were taken as non-existent without asking DNS (--offline): {name}. Results that depend on them hold only if they are indeed absent.",
    },
    remediation:
      "Nothing to fix if those names really do not exist. Otherwise add the zones that hold them with --zone, or check without --offline.",
  },
  check({ snapshot, report }) {
    const names = snapshot.assumedAbsent ?? [];
    // One finding for all of them: the user reads what was assumed once, not once per question.
    if (names.length > 0)
      report({ messageId: "assumed", data: { count: names.length, name: names.join(", ") } });
  },
});
