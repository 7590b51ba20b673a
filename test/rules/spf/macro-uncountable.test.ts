import rule from "../../../rules/spf/macro-uncountable.js";
import { testRule } from "../../helpers/rule-tester.js";
import { node, spfSnapshot } from "./snapshots.js";

const term = "include:%{i}._ip.%{h}._ehlo.%{d}._spf.vali.example";
testRule(rule, {
  valid: [
    {
      name: "exists with a macro is counted exactly",
      snapshot: spfSnapshot(node("example.com", "v=spf1 exists:%{i}.bl.example.com -all")),
    },
  ],
  invalid: [
    {
      name: "an include built from macros",
      snapshot: spfSnapshot(node("example.com", `v=spf1 ${term} -all`, { uncountableTerms: [term] }), {
        lookupCount: 1,
        lookupCountIsLowerBound: true,
      }),
      findings: [{ messageId: "uncountable", data: { mechanism: term, count: 1 }, severity: "notice" }],
    },
  ],
});
