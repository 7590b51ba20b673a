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
        "v=DMARC1; sp=reject; p=bogus; adkim=x; Foo=1; junk; rua=dmarc@example.com,ftp://example.com/x",
      ),
      findings: [
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
      // Issue 12, item 7: the record is invalid once, whatever repeats; the repeated tags say nothing more.
      name: "repeated tags: one finding naming them all, what receivers then do as its reason",
      snapshot: dmarcSnapshot("v=DMARC1; p=reject; p=bogus; rua=mailto:a@example.com; rua=x; adkim=x", {
        policy: null,
        effectivePolicy: null,
      }),
      findings: [
        {
          messageId: "duplicateTag",
          data: { tag: "p, rua", reason: "receivers apply no DMARC policy for it at all (RFC 9989 §4.10.1)" },
          severity: "error",
        },
        { messageId: "invalidValue", data: { tag: "adkim" } },
      ],
    },
    {
      // Issue 12, item 8: U+00A0 after a URI is refused as after a policy.
      name: "a character that is not printable ASCII, in any tag",
      snapshot: dmarcSnapshot("v=DMARC1; p=reject\u00a0; rua=mailto:a@example.com\u00a0; fo=1\u00a0"),
      findings: [
        { messageId: "invalidCharacter", data: { tag: "p", reason: "U+00A0 is not printable ASCII" } },
        { messageId: "invalidCharacter", data: { tag: "rua" }, severity: "error" },
        { messageId: "invalidCharacter", data: { tag: "fo" } },
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
