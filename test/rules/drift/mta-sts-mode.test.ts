import rule from "../../../rules/drift/mta-sts-mode.js";
import { emptySnapshot, testRule } from "../../helpers/rule-tester.js";
import { mtaStsAudit, POLICY_URL } from "../../helpers/surround-snapshots.js";
import { declaration } from "./snapshots.js";

const enforce = declaration({ expect: { mtaSts: { mode: "enforce" } } });
const withMode = (mode: string) => ({
  ...emptySnapshot(),
  mtaSts: mtaStsAudit("v=STSv1; id=1", `version: STSv1\nmode: ${mode}\nmx: a.example.com\nmax_age: 604800\n`),
});

testRule(rule, {
  valid: [
    { name: "enforce as declared", snapshot: withMode("enforce"), declared: enforce },
    {
      name: "stronger than declared",
      snapshot: withMode("enforce"),
      declared: declaration({ expect: { mtaSts: { mode: "testing" } } }),
    },
    {
      name: "not fetched (--offline): nothing compared",
      snapshot: {
        ...emptySnapshot(),
        mtaSts: mtaStsAudit("v=STSv1; id=1", { url: POLICY_URL, status: "skipped", reason: "offline" }),
      },
      declared: enforce,
    },
  ],
  invalid: [
    {
      name: "testing, declared enforce",
      snapshot: withMode("testing"),
      declared: enforce,
      findings: [
        { messageId: "weaker", severity: "error", data: { actual: "testing", expected: "enforce" } },
      ],
    },
    {
      name: "no record",
      snapshot: { ...emptySnapshot(), mtaSts: mtaStsAudit(null) },
      declared: enforce,
      findings: [{ messageId: "noPolicy", data: { reason: "no record at _mta-sts.example.com" } }],
    },
    {
      name: "a policy senders cannot fetch",
      snapshot: {
        ...emptySnapshot(),
        mtaSts: mtaStsAudit("v=STSv1; id=1", {
          url: POLICY_URL,
          status: "failed",
          reason: "certificate",
          detail: "expired",
        }),
      },
      declared: enforce,
      findings: [{ messageId: "noPolicy", data: { reason: "expired" } }],
    },
  ],
});
