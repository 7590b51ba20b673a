import rule from "../../../rules/mta-sts/policy-syntax.js";
import { emptySnapshot, testRule } from "../../helpers/rule-tester.js";
import { GOOD_POLICY, mtaStsAudit, POLICY_URL, withPolicy } from "../../helpers/surround-snapshots.js";

const policy = (text: string) => ({ ...emptySnapshot(), mtaSts: mtaStsAudit("v=STSv1; id=1", text) });

testRule(rule, {
  valid: [
    { name: "a valid policy", snapshot: policy(GOOD_POLICY) },
    {
      name: "CRLF lines, no final newline, an extension",
      snapshot: policy(
        "version: STSv1\r\nmode: testing\r\nmx: *.example.com\r\nx-note: hi\r\nmax_age: 86400",
      ),
    },
    { name: "mode none needs no mx", snapshot: policy("version: STSv1\nmode: none\nmax_age: 86400\n") },
    {
      name: "not fetched",
      snapshot: {
        ...emptySnapshot(),
        mtaSts: mtaStsAudit("v=STSv1; id=1", { url: POLICY_URL, status: "failed", reason: "http-status" }),
      },
    },
  ],
  invalid: [
    {
      name: "an invalid mode",
      snapshot: policy("version: STSv1\nmode: enforced\nmx: a.example.com\nmax_age: 86400\n"),
      findings: [
        { messageId: "invalidValue", severity: "error", data: { tag: "mode", value: "enforced", line: 2 } },
      ],
    },
    {
      name: "no max_age",
      snapshot: policy("version: STSv1\nmode: enforce\nmx: a.example.com\n"),
      findings: [{ messageId: "missingKey", data: { tag: "max_age" } }],
    },
    {
      name: "a blank line in the middle",
      snapshot: policy("version: STSv1\n\nmode: enforce\nmx: a.example.com\nmax_age: 86400\n"),
      findings: [{ messageId: "blankLine", severity: "warning", data: { line: 2 } }],
    },
    {
      name: "a line without a colon, a duplicate mode, a bad pattern",
      snapshot: policy(
        "version: STSv1\nmode: enforce\nmode: testing\nmx: a..example.com\nhello\nmax_age: 1d\n",
      ),
      findings: [
        { messageId: "duplicateKey", data: { tag: "mode", line: 3 } },
        { messageId: "invalidValue", data: { tag: "mx", value: "a..example.com" } },
        { messageId: "malformedLine", data: { line: 5, value: "hello" } },
        { messageId: "invalidValue", data: { tag: "max_age", value: "1d" } },
      ],
    },
    {
      name: "enforce without any mx",
      snapshot: policy("version: STSv1\nmode: enforce\nmax_age: 86400\n"),
      findings: [{ messageId: "noMx" }],
    },
    {
      name: "a file that is not UTF-8",
      snapshot: {
        ...emptySnapshot(),
        mtaSts: withPolicy(mtaStsAudit("v=STSv1; id=1"), {
          problems: [{ code: "not-utf8", reason: "the policy is not valid UTF-8" }],
        }),
      },
      findings: [{ messageId: "notUtf8" }],
    },
  ],
});
