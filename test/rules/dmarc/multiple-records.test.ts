import rule from "../../../rules/dmarc/multiple-records.js";
import { dmarcSnapshot, GOOD } from "../../dmarc/snapshots.js";
import { testRule } from "../../helpers/rule-tester.js";

testRule(rule, {
  valid: [{ name: "one record", snapshot: dmarcSnapshot(GOOD) }],
  invalid: [
    {
      name: "two records at _dmarc",
      snapshot: dmarcSnapshot(null, {
        multipleRecords: [{ domain: "example.com", records: [GOOD, "v=DMARC1; p=none"] }],
      }),
      findings: [{ messageId: "multiple", data: { domain: "example.com", count: 2 }, severity: "error" }],
    },
  ],
});
