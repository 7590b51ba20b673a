import rule from "../../../rules/drift/mx-hosts.js";
import { emptySnapshot, testRule } from "../../helpers/rule-tester.js";
import { mxAudit } from "../../helpers/surround-snapshots.js";
import { declaration } from "./snapshots.js";

const declared = declaration({ expect: { mx: { hosts: ["MX1.example.com."] } } });
const mx = (records: [number, string][]) => ({ ...emptySnapshot(), mx: mxAudit(records) });

testRule(rule, {
  valid: [
    {
      name: "the declared host is there (case and dot aside)",
      snapshot: mx([
        [10, "mx1.example.com"],
        [20, "mx2.example.com"],
      ]),
      declared,
    },
    { name: "nothing declared", snapshot: mx([]), declared: declaration() },
    {
      name: "the MX question failed",
      snapshot: { ...mx([]), mx: { ...mxAudit([]), status: "inconclusive" } },
      declared,
    },
  ],
  invalid: [
    {
      name: "the declared host is gone",
      snapshot: mx([[10, "mx9.example.com"]]),
      declared,
      findings: [
        {
          messageId: "missing",
          severity: "error",
          data: { name: "MX1.example.com.", actual: "10 mx9.example.com" },
        },
      ],
    },
  ],
});
