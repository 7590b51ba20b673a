import rule from "../../../rules/drift/bimi-logo.js";
import { emptySnapshot, testRule } from "../../helpers/rule-tester.js";
import { bimiAudit } from "../../helpers/surround-snapshots.js";
import { declaration } from "./snapshots.js";

const declared = declaration({ expect: { bimi: { logo: "https://example.com/logo.svg" } } });
const bimi = (record: string | null) => ({ ...emptySnapshot(), bimi: bimiAudit(record) });

testRule(rule, {
  valid: [{ name: "the declared logo", snapshot: bimi("v=BIMI1; l=https://example.com/logo.svg"), declared }],
  invalid: [
    {
      name: "another logo",
      snapshot: bimi("v=BIMI1; l=https://example.com/new.svg"),
      declared,
      findings: [
        { messageId: "changed", severity: "error", data: { actual: "https://example.com/new.svg" } },
      ],
    },
    { name: "no record", snapshot: bimi(null), declared, findings: [{ messageId: "noRecord" }] },
  ],
});
