import rule from "../../../rules/bimi/no-authority.js";
import { emptySnapshot, testRule } from "../../helpers/rule-tester.js";
import { bimiAudit } from "../../helpers/surround-snapshots.js";

const bimi = (record: string | null) => ({ ...emptySnapshot(), bimi: bimiAudit(record) });

testRule(rule, {
  valid: [
    {
      name: "a= present",
      snapshot: bimi("v=BIMI1; l=https://example.com/l.svg; a=https://example.com/vmc.pem"),
    },
    { name: "declining", snapshot: bimi("v=BIMI1; l=; a=") },
    { name: "no record", snapshot: bimi(null) },
    {
      name: "an invalid a= is bimi/syntax's",
      snapshot: bimi("v=BIMI1; l=https://example.com/l.svg; a=vmc.pem"),
    },
  ],
  invalid: [
    {
      name: "a= empty",
      snapshot: bimi("v=BIMI1; l=https://example.com/l.svg; a="),
      findings: [{ messageId: "absent", severity: "notice" }],
    },
    {
      name: "no a= at all",
      snapshot: bimi("v=BIMI1; l=https://example.com/l.svg"),
      findings: [{ messageId: "absent" }],
    },
  ],
});
