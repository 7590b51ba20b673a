import rule from "../../../rules/spf/lookup-limit.js";
import { testRule } from "../../helpers/rule-tester.js";
import { node, spfSnapshot } from "./snapshots.js";

const root = node("example.com", "v=spf1 include:a.example.net include:b.example.net -all", {
  children: [
    node("a.example.net", "v=spf1 a mx -all", {
      via: "include",
      term: "include:a.example.net",
      subtreeLookups: 2,
    }),
    node("b.example.net", "v=spf1 a mx ptr -all", {
      via: "include",
      term: "include:b.example.net",
      subtreeLookups: 6,
    }),
  ],
});
testRule(rule, {
  valid: [
    { name: "exactly 10", snapshot: spfSnapshot(root, { lookupCount: 10 }) },
    { name: "no record", snapshot: spfSnapshot(null) },
  ],
  invalid: [
    {
      name: "11",
      snapshot: spfSnapshot(root, { lookupCount: 11 }),
      findings: [
        {
          messageId: "tooMany",
          // Branches by cost, the include term itself counted: where cutting helps most comes first.
          data: { count: 11, limit: 10, actual: "include:b.example.net (7), include:a.example.net (3)" },
          severity: "error",
        },
      ],
    },
    {
      name: "13, and parts of the tree uncountable",
      snapshot: spfSnapshot(root, { lookupCount: 13, lookupCountIsLowerBound: true }),
      findings: [{ messageId: "tooManyAtLeast", data: { count: 13, limit: 10 } }],
    },
  ],
});
