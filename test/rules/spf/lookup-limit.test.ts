import rule from "../../../rules/spf/lookup-limit.js";
import { testRule } from "../../helpers/rule-tester.js";
import { node, spfSnapshot } from "./snapshots.js";

const root = node("example.com", "v=spf1 include:a.example.net -all");
testRule(rule, {
  valid: [
    { name: "exactly 10", snapshot: spfSnapshot(root, { lookupCount: 10 }) },
    { name: "no record", snapshot: spfSnapshot(null) },
  ],
  invalid: [
    {
      name: "11",
      snapshot: spfSnapshot(root, { lookupCount: 11 }),
      findings: [{ messageId: "tooMany", data: { count: 11, limit: 10 }, severity: "error" }],
    },
    {
      name: "13, and parts of the tree uncountable",
      snapshot: spfSnapshot(root, { lookupCount: 13, lookupCountIsLowerBound: true }),
      findings: [{ messageId: "tooManyAtLeast", data: { count: 13, limit: 10 } }],
    },
  ],
});
