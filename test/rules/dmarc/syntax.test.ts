import rule from "../../../rules/dmarc/syntax.js";
import { dmarcSnapshot, GOOD } from "../../dmarc/snapshots.js";
import { testRule } from "../../helpers/rule-tester.js";

testRule(rule, {
  valid: [
    { name: "a clean record", snapshot: dmarcSnapshot(GOOD) },
    {
      name: "white space around = and ;",
      snapshot: dmarcSnapshot("v = DMARC1 ; p = reject ; rua = mailto:a@example.com"),
    },
  ],
  invalid: [
    {
      name: "every kind of problem at once",
      snapshot: dmarcSnapshot(
        "v=DMARC1; sp=reject; p=bogus; p=none; adkim=x; Foo=1; junk; rua=dmarc@example.com,ftp://example.com/x",
      ),
      findings: [
        { messageId: "duplicateTag", data: { tag: "p" }, severity: "error" },
        { messageId: "malformedTag", data: { value: "junk" }, severity: "error" },
        { messageId: "invalidPolicy", data: { tag: "p", value: "bogus" }, severity: "error" },
        { messageId: "invalidValue", data: { tag: "adkim", value: "x" }, severity: "warning" },
        { messageId: "unknownTag", data: { tag: "Foo" }, severity: "warning" },
        { messageId: "invalidUri", data: { tag: "rua", uri: "dmarc@example.com" }, severity: "error" },
        {
          messageId: "unsupportedScheme",
          data: { tag: "rua", uri: "ftp://example.com/x" },
          severity: "warning",
        },
        { messageId: "policyNotSecond", severity: "notice" },
      ],
    },
    {
      name: "no p= and a broken version",
      snapshot: dmarcSnapshot("v=DMARC2; rua=mailto:a@example.com"),
      findings: [
        { messageId: "badVersion", severity: "error" },
        { messageId: "missingPolicy", data: { tag: "p" }, severity: "error" },
      ],
    },
    {
      name: "a near miss (v=dmarc1) discarded by discovery",
      snapshot: dmarcSnapshot(null, {
        rejectedRecords: [{ domain: "example.com", record: "v=dmarc1; p=reject" }],
      }),
      findings: [{ messageId: "badVersion", data: { domain: "example.com" } }],
    },
  ],
});
