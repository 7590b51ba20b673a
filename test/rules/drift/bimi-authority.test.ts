import rule from "../../../rules/drift/bimi-authority.js";
import { emptySnapshot, testRule } from "../../helpers/rule-tester.js";
import { bimiAudit } from "../../helpers/surround-snapshots.js";
import { declaration } from "./snapshots.js";

const declared = declaration({ expect: { bimi: { authority: true } } });
const bimi = (record: string | null) => ({ ...emptySnapshot(), bimi: bimiAudit(record) });

testRule(rule, {
  valid: [
    {
      name: "a= present",
      snapshot: bimi("v=BIMI1; l=https://example.com/l.svg; a=https://example.com/vmc.pem"),
      declared,
    },
    { name: "not declared", snapshot: bimi("v=BIMI1; l=https://example.com/l.svg"), declared: declaration() },
  ],
  invalid: [
    {
      name: "a= empty",
      snapshot: bimi("v=BIMI1; l=https://example.com/l.svg; a="),
      declared,
      findings: [{ messageId: "absent", severity: "error" }],
    },
  ],
});
