import { describeUnchecked } from "../../src/dns/unchecked-record.js";
import { defineRule } from "../../src/engine/define-rule.js";

export default defineRule({
  meta: {
    id: "dns/not-checked",
    type: "problem",
    severity: "notice",
    docs: {
      description:
        "A --zone input holds records without their data (known only after apply, or left as published offline), so they were not checked",
      spec: "RFC 1034 §4.3.2 (an answer is the record set the zone holds); Terraform JSON output format (after_unknown)",
    },
    messages: {
      afterApply:
        "{count} record(s) whose data the --zone input does not hold (known only after apply, or only to the provider) were not checked: {name}. They are neither missing nor passing: check again once the change is applied.",
      leftAsPublished:
        "{count} record(s) the --zone input leaves as DNS publishes them were not checked (--offline asks no DNS): {name}. Check without --offline to read them.",
    },
    remediation:
      "Nothing to fix in the zone. Check again after apply (or against live DNS); to refuse plans with such records, set this rule to error in the config.",
  },
  check({ snapshot, report }) {
    const records = snapshot.notChecked ?? [];
    // One finding per kind: a plan with three unknown DKIM CNAMEs is one notice, not three.
    for (const [messageId, kind] of [
      ["afterApply", "after-apply"],
      ["leftAsPublished", "left-as-published"],
    ] as const) {
      const some = records.filter((r) => r.kind === kind);
      if (some.length > 0)
        report({ messageId, data: { count: some.length, name: some.map(describeUnchecked).join("; ") } });
    }
  },
});
