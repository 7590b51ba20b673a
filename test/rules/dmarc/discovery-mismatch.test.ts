import rule from "../../../rules/dmarc/discovery-mismatch.js";
import { dmarcSnapshot, GOOD } from "../../dmarc/snapshots.js";
import { testRule } from "../../helpers/rule-tester.js";

testRule(rule, {
  valid: [
    { name: "both methods agree", snapshot: dmarcSnapshot(GOOD) },
    {
      name: "no record either way",
      snapshot: dmarcSnapshot(null, {
        organizationalDomain: { treeWalk: "a.example.com", psl: "example.com" },
      }),
    },
    {
      name: "incomplete discovery",
      snapshot: dmarcSnapshot(GOOD, { complete: false, sources: { treeWalk: "example.com", psl: null } }),
    },
  ],
  invalid: [
    {
      name: "psd=n below the PSL's organizational domain",
      snapshot: dmarcSnapshot(GOOD, { sources: { treeWalk: "team.example.com", psl: "example.com" } }),
      findings: [
        {
          messageId: "sourceDiffers",
          data: { expected: "team.example.com", actual: "example.com" },
          severity: "warning",
        },
      ],
    },
    {
      name: "same record, different organizational domains",
      snapshot: dmarcSnapshot(GOOD, { organizationalDomain: { treeWalk: "example.com", psl: "com" } }),
      findings: [{ messageId: "organizationDiffers", data: { expected: "example.com", actual: "com" } }],
    },
  ],
});
