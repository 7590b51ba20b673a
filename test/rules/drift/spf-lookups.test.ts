import rule from "../../../rules/drift/spf-lookups.js";
import { testRule } from "../../helpers/rule-tester.js";
import { declaration, snapshot, spfAudit, spfNode } from "./snapshots.js";

const budget8 = declaration({ expect: { spf: { maxLookups: 8 } } });
const root = spfNode("example.com");

testRule(rule, {
  valid: [
    {
      name: "exactly at budget",
      snapshot: snapshot({ spf: spfAudit(root, { lookupCount: 8 }) }),
      declared: budget8,
    },
    {
      name: "no budget declared",
      snapshot: snapshot({ spf: spfAudit(root, { lookupCount: 12 }) }),
      declared: declaration(),
    },
    {
      name: "tree unread (DNS failure)",
      snapshot: snapshot({ spf: spfAudit(root, { lookupCount: 9, inconclusive: true }) }),
      declared: budget8,
    },
  ],
  invalid: [
    {
      name: "one over budget",
      snapshot: snapshot({ spf: spfAudit(root, { lookupCount: 9 }) }),
      declared: budget8,
      findings: [{ messageId: "overBudget", data: { count: 9, limit: 8 }, severity: "error" }],
    },
    {
      name: "macros: only a lower bound",
      snapshot: snapshot({ spf: spfAudit(root, { lookupCount: 3, lookupCountIsLowerBound: true }) }),
      declared: budget8,
      findings: [{ messageId: "uncountable", data: { count: 3 }, severity: "warning" }],
    },
  ],
});
