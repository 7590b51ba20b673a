import rule from "../../../rules/dkim/selectors-guessed.js";
import { emptySnapshot, testRule } from "../../helpers/rule-tester.js";

const candidates = [
  { selector: "google", from: "built-in" as const },
  { selector: "selector1", from: "built-in" as const },
  { selector: "mta7", from: "reports" as const },
];

testRule(rule, {
  valid: [{ name: "selectors were named: nothing was guessed", snapshot: emptySnapshot() }],
  invalid: [
    {
      name: "a guess that found keys",
      snapshot: { ...emptySnapshot(), dkimProbe: { candidates, found: ["google", "mta7"], unknown: [] } },
      findings: [{ messageId: "found", data: { count: 3, name: "google, mta7" }, severity: "notice" }],
    },
    {
      name: "a guess that found none: a notice, never an error",
      snapshot: { ...emptySnapshot(), dkimProbe: { candidates, found: [], unknown: [] } },
      findings: [
        { messageId: "none", data: { count: 3, value: "google, selector1, mta7" }, severity: "notice" },
      ],
    },
  ],
});
