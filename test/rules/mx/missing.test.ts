import rule from "../../../rules/mx/missing.js";
import { emptySnapshot, testRule } from "../../helpers/rule-tester.js";
import { mxAudit } from "../../helpers/surround-snapshots.js";

const noMx = (addresses: string[]) => ({
  ...emptySnapshot(),
  mx: { ...mxAudit([]), implicitAddresses: addresses },
});
const sendingOnly = {
  domain: "example.com",
  subdomains: [],
  selectors: [],
  senders: [],
  expect: { mx: { receivesMail: false } },
};

testRule(rule, {
  valid: [
    { name: "MX records", snapshot: { ...emptySnapshot(), mx: mxAudit([[10, "mx1.example.com"]]) } },
    { name: "a null MX says it on purpose", snapshot: { ...emptySnapshot(), mx: mxAudit([[0, "."]]) } },
    {
      name: "the MX question failed: inconclusive, not missing",
      snapshot: {
        ...emptySnapshot(),
        mx: { ...mxAudit([]), status: "inconclusive", implicitAddresses: null },
      },
    },
  ],
  invalid: [
    {
      name: "no MX: mail falls back to the A record",
      snapshot: noMx(["192.0.2.80"]),
      findings: [
        { messageId: "missing", severity: "warning", data: { count: 1, value: "its address 192.0.2.80" } },
      ],
    },
    {
      name: "no MX and no address",
      snapshot: noMx([]),
      findings: [{ messageId: "missing", data: { count: 0 } }],
    },
    {
      name: "a domain declared sending-only: a notice",
      snapshot: noMx(["192.0.2.80"]),
      declared: sendingOnly,
      findings: [{ messageId: "sendingOnly", severity: "notice" }],
    },
  ],
});
