import rule from "../../../rules/dmarc/rua-unauthorized.js";
import { dmarcSnapshot, GOOD } from "../../dmarc/snapshots.js";
import { testRule } from "../../helpers/rule-tester.js";

const auth = (authorized: boolean | null) => ({
  reportAuthorizations: [
    {
      tag: "rua" as const,
      uri: "mailto:r@reports.example.net",
      host: "reports.example.net",
      name: "example.com._report._dmarc.reports.example.net",
      authorized,
    },
  ],
});

testRule(rule, {
  valid: [
    { name: "authorized destination", snapshot: dmarcSnapshot(GOOD, auth(true)) },
    { name: "lookup failed: inconclusive, not a finding", snapshot: dmarcSnapshot(GOOD, auth(null)) },
  ],
  invalid: [
    {
      name: "no authorization record",
      snapshot: dmarcSnapshot(GOOD, auth(false)),
      findings: [
        {
          messageId: "unauthorized",
          data: {
            uri: "mailto:r@reports.example.net",
            name: "example.com._report._dmarc.reports.example.net",
          },
          severity: "error",
        },
      ],
    },
  ],
});
