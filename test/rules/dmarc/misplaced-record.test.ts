import rule from "../../../rules/dmarc/misplaced-record.js";
import { dmarcSnapshot, GOOD } from "../../dmarc/snapshots.js";
import { testRule } from "../../helpers/rule-tester.js";

testRule(rule, {
  valid: [{ name: "records where they belong", snapshot: dmarcSnapshot(GOOD) }],
  invalid: [
    {
      name: "DMARC at the apex and SPF at _dmarc",
      snapshot: dmarcSnapshot(GOOD, {
        misplaced: [
          { kind: "dmarc-at-apex", name: "example.com", record: GOOD },
          { kind: "spf-at-dmarc", name: "_dmarc.example.com", record: "v=spf1 -all" },
        ],
      }),
      findings: [
        { messageId: "dmarcAtApex", data: { name: "example.com" }, severity: "warning" },
        { messageId: "spfAtDmarc", data: { name: "_dmarc.example.com" }, severity: "warning" },
      ],
    },
  ],
});
