import rule from "../../../rules/mx/cname-target.js";
import { emptySnapshot, testRule } from "../../helpers/rule-tester.js";
import { mxAudit } from "../../helpers/surround-snapshots.js";

testRule(rule, {
  valid: [
    {
      name: "hosts named as themselves",
      snapshot: { ...emptySnapshot(), mx: mxAudit([[10, "mx1.example.com"]]) },
    },
  ],
  invalid: [
    {
      name: "an MX host that is an alias",
      snapshot: {
        ...emptySnapshot(),
        mx: mxAudit(
          [
            [10, "mail.example.com"],
            [20, "mx2.example.com"],
          ],
          {
            "mail.example.com": { cnames: ["mx.provider.test"] },
          },
        ),
      },
      findings: [
        {
          messageId: "alias",
          severity: "warning",
          data: { name: "mail.example.com", value: "mx.provider.test" },
        },
      ],
    },
  ],
});
