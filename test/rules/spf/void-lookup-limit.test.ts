import rule from "../../../rules/spf/void-lookup-limit.js";
import { testRule } from "../../helpers/rule-tester.js";
import { node, spfSnapshot } from "./snapshots.js";

const root = node("example.com", "v=spf1 a:x.example.com mx:y.example.com exists:z.example.com -all");
testRule(rule, {
  valid: [{ name: "two void lookups (the limit)", snapshot: spfSnapshot(root, { voidLookupCount: 2 }) }],
  invalid: [
    {
      name: "three void lookups",
      snapshot: spfSnapshot(root, { voidLookupCount: 3 }),
      findings: [{ messageId: "tooMany", data: { count: 3, limit: 2 }, severity: "error" }],
    },
  ],
});
