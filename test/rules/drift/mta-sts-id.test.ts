import rule from "../../../rules/drift/mta-sts-id.js";
import { baselineView } from "../../../src/baseline/lockfile.js";
import type { DomainSnapshot } from "../../../src/engine/types.js";
import { emptySnapshot, testRule } from "../../helpers/rule-tester.js";
import { mtaStsAudit, POLICY_URL } from "../../helpers/surround-snapshots.js";
import { declaration } from "./snapshots.js";

const policy = (mode: string) => `version: STSv1\nmode: ${mode}\nmx: a.example.com\nmax_age: 604800\n`;
const sts = (id: string, text: string | null): DomainSnapshot => ({
  ...emptySnapshot(),
  mtaSts: mtaStsAudit(`v=STSv1; id=${id}`, text ?? { url: POLICY_URL, status: "skipped", reason: "offline" }),
});
/** The declaration a `--baseline` run hands the rule: the lock file's canonical view of `then`. */
const baseline = (then: DomainSnapshot) =>
  declaration({ baseline: { source: "mailaudit.lock.json", snapshot: baselineView(then) } });

testRule(rule, {
  valid: [
    {
      name: "same policy, same id",
      snapshot: sts("1", policy("testing")),
      declared: baseline(sts("1", policy("testing"))),
    },
    {
      name: "new policy, new id",
      snapshot: sts("2", policy("enforce")),
      declared: baseline(sts("1", policy("testing"))),
    },
    {
      name: "not fetched now: nothing to compare",
      snapshot: sts("1", null),
      declared: baseline(sts("1", policy("testing"))),
    },
    { name: "not fetched then", snapshot: sts("1", policy("enforce")), declared: baseline(sts("1", null)) },
    { name: "no baseline", snapshot: sts("1", policy("enforce")), declared: declaration() },
  ],
  invalid: [
    {
      name: "the policy changed, the id did not",
      snapshot: sts("1", policy("enforce")),
      declared: baseline(sts("1", policy("testing"))),
      findings: [
        { messageId: "idUnchanged", severity: "error", data: { name: "_mta-sts.example.com", value: "1" } },
      ],
    },
  ],
});
