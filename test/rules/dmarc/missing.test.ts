import rule from "../../../rules/dmarc/missing.js";
import { dmarcSnapshot, GOOD } from "../../dmarc/snapshots.js";
import { testRule } from "../../helpers/rule-tester.js";

testRule(rule, {
  valid: [
    { name: "a record applies", snapshot: dmarcSnapshot(GOOD) },
    {
      name: "discovery interrupted by DNS: inconclusive, not missing",
      snapshot: dmarcSnapshot(null, { complete: false }),
    },
    {
      name: "several records (dmarc/multiple-records says so)",
      snapshot: dmarcSnapshot(null, { multipleRecords: [{ domain: "example.com", records: [GOOD, GOOD] }] }),
    },
  ],
  invalid: [
    {
      name: "no record anywhere",
      snapshot: dmarcSnapshot(null),
      findings: [{ messageId: "noRecord", data: { domain: "example.com" }, severity: "error" }],
    },
  ],
});
