import rule from "../../../rules/tls-rpt/syntax.js";
import { emptySnapshot, testRule } from "../../helpers/rule-tester.js";
import { tlsRptAudit } from "../../helpers/surround-snapshots.js";

const tls = (record: string) => ({ ...emptySnapshot(), tlsRpt: tlsRptAudit(record) });

testRule(rule, {
  valid: [
    { name: "a mailto destination", snapshot: tls("v=TLSRPTv1; rua=mailto:tls@example.com") },
    {
      name: "mailto and https, spaces around the comma",
      snapshot: tls("v=TLSRPTv1; rua=mailto:tls@example.com , https://r.example.com/tls;"),
    },
  ],
  invalid: [
    {
      name: "an address without mailto:",
      snapshot: tls("v=TLSRPTv1; rua=tls@example.com"),
      findings: [
        { messageId: "invalidValue", severity: "error", data: { tag: "rua", value: "tls@example.com" } },
      ],
    },
    {
      name: "no rua",
      snapshot: tls("v=TLSRPTv1"),
      findings: [{ messageId: "missingField", data: { tag: "rua" } }],
    },
    {
      name: "an unsupported scheme and a mailto without a domain",
      snapshot: tls("v=TLSRPTv1; rua=ftp://r.example.com/,mailto:tls"),
      findings: [
        { messageId: "invalidValue", data: { value: "ftp://r.example.com/" } },
        { messageId: "invalidValue", data: { value: "mailto:tls" } },
      ],
    },
    {
      name: "the version misspelled",
      snapshot: tls("v=TLSRPTv2; rua=mailto:a@example.com"),
      findings: [{ messageId: "badVersion" }],
    },
    {
      name: "rua twice, a malformed field",
      snapshot: tls("v=TLSRPTv1; rua=mailto:a@example.com; rua=mailto:b@example.com; =x"),
      findings: [{ messageId: "duplicateField" }, { messageId: "malformedField" }],
    },
  ],
});
