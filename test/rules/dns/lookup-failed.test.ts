import rule from "../../../rules/dns/lookup-failed.js";
import { emptySnapshot, testRule } from "../../helpers/rule-tester.js";

testRule(rule, {
  valid: [{ name: "every question answered", snapshot: emptySnapshot() }],
  invalid: [
    {
      name: "a SERVFAIL in the SPF tree",
      snapshot: {
        ...emptySnapshot(),
        lookupFailures: [{ name: "_spf.example.com", type: "TXT", reason: "SERVFAIL" }],
      },
      findings: [
        { messageId: "failed", data: { name: "_spf.example.com", reason: "SERVFAIL" }, severity: "warning" },
      ],
    },
  ],
});
