import rule from "../../../rules/drift/baseline.js";
import { baselineView } from "../../../src/baseline/lockfile.js";
import { testRule } from "../../helpers/rule-tester.js";
import { declaration, dkimAudit, snapshot, spfAudit, spfNode } from "./snapshots.js";

const vendor = (children = [] as ReturnType<typeof spfNode>[]) =>
  spfNode("example.com", { children: [spfNode("_spf.vendor.example", { via: "include", children })] });
const before = snapshot({ spf: spfAudit(vendor()), dkim: [dkimAudit("s1"), dkimAudit("s2")] });
const declared = declaration({ baseline: { source: "mailaudit.lock.json", snapshot: baselineView(before) } });

testRule(rule, {
  valid: [
    { name: "unchanged", snapshot: before, declared },
    {
      name: "answer-set order differs (RRsets are unordered)",
      snapshot: snapshot({ spf: spfAudit(vendor()), dkim: [dkimAudit("s2"), dkimAudit("s1")] }),
      declared,
    },
    {
      name: "a DNS failure this run: inconclusive, never drift",
      snapshot: {
        ...snapshot({ spf: spfAudit(null) }),
        lookupFailures: [{ name: "example.com", type: "TXT", reason: "timeout" }],
      },
      declared,
    },
  ],
  invalid: [
    {
      name: "a nested include appeared under the vendor's include",
      snapshot: snapshot({
        spf: spfAudit(vendor([spfNode("_spf2.vendor.example", { via: "include" })])),
        dkim: [dkimAudit("s1"), dkimAudit("s2")],
      }),
      declared,
      findings: [{ messageId: "added", data: { name: "spf.tree.children[0].children[0]" } }],
    },
    {
      name: "a key shrank and a selector vanished",
      snapshot: snapshot({ spf: spfAudit(vendor()), dkim: [dkimAudit("s1", { keyBits: 1024 })] }),
      declared,
      findings: [
        {
          messageId: "changed",
          data: { name: "dkim[selector=s1].keyBits", expected: "2048", actual: "1024" },
        },
        { messageId: "removed", data: { name: "dkim[selector=s2]" } },
      ],
    },
    {
      name: "domain absent from the lock file",
      snapshot: before,
      declared: declaration({ baseline: { source: "mailaudit.lock.json", snapshot: undefined } }),
      findings: [
        { messageId: "notInBaseline", data: { record: "mailaudit.lock.json" }, severity: "warning" },
      ],
    },
  ],
});
