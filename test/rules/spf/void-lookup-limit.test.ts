import rule from "../../../rules/spf/void-lookup-limit.js";
import { testRule } from "../../helpers/rule-tester.js";
import { node, spfSnapshot } from "./snapshots.js";

const root = node(
  "example.com",
  "v=spf1 a:x.example.com mx:y.example.com exists:z.example.com include:esp.example -all",
  {
    lookupTerms: [
      { term: "a:x.example.com", void: true },
      { term: "mx:y.example.com", void: true },
      { term: "exists:z.example.com", void: false },
      { term: "include:esp.example", void: false },
    ],
    children: [
      node("esp.example", "v=spf1 a:gone.esp.example -all", {
        via: "include",
        term: "include:esp.example",
        lookupTerms: [{ term: "a:gone.esp.example", void: true }],
      }),
    ],
  },
);
testRule(rule, {
  valid: [{ name: "two void lookups (the limit)", snapshot: spfSnapshot(root, { voidLookupCount: 2 }) }],
  invalid: [
    {
      name: "three void lookups",
      snapshot: spfSnapshot(root, { voidLookupCount: 3 }),
      findings: [
        {
          messageId: "tooMany",
          // The void terms are named, those of included records with the record they stand in.
          data: {
            count: 3,
            limit: 2,
            actual: "a:x.example.com, mx:y.example.com, a:gone.esp.example (in esp.example)",
          },
          severity: "error",
        },
      ],
    },
  ],
});
