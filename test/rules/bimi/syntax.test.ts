import rule from "../../../rules/bimi/syntax.js";
import { emptySnapshot, testRule } from "../../helpers/rule-tester.js";
import { bimiAudit } from "../../helpers/surround-snapshots.js";

const bimi = (record: string) => ({ ...emptySnapshot(), bimi: bimiAudit(record) });

testRule(rule, {
  valid: [
    {
      name: "logo and certificate",
      snapshot: bimi("v=BIMI1; l=https://example.com/logo.svg; a=https://example.com/vmc.pem"),
    },
    { name: "declining", snapshot: bimi("v=BIMI1; l=; a=;") },
    {
      name: "unknown tags are ignored",
      snapshot: bimi("v=BIMI1; l=https://example.com/logo.svg; s=x; avp=brand"),
    },
  ],
  invalid: [
    {
      name: "an http: logo",
      snapshot: bimi("v=BIMI1; l=http://example.com/logo.svg"),
      findings: [
        {
          messageId: "invalidValue",
          severity: "error",
          data: { tag: "l", value: "http://example.com/logo.svg" },
        },
      ],
    },
    {
      name: "the version not first",
      snapshot: bimi("l=https://example.com/l.svg; v=BIMI1"),
      findings: [{ messageId: "badVersion" }],
    },
    {
      name: "l given twice, a tag without =",
      snapshot: bimi("v=BIMI1; l=https://example.com/a.svg; l=https://example.com/b.svg; junk"),
      findings: [{ messageId: "duplicateTag", data: { tag: "l" } }, { messageId: "malformedTag" }],
    },
    {
      name: "an a= that is not a URL, and a wrong avp",
      snapshot: bimi("v=BIMI1; l=https://example.com/l.svg; a=vmc.pem; avp=company"),
      findings: [
        { messageId: "invalidValue", data: { tag: "a" } },
        { messageId: "invalidValue", data: { tag: "avp" } },
      ],
    },
  ],
});
