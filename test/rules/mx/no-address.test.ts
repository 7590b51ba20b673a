import rule from "../../../rules/mx/no-address.js";
import { emptySnapshot, testRule } from "../../helpers/rule-tester.js";
import { mxAudit } from "../../helpers/surround-snapshots.js";

const gone = { status: "no-address" as const, addresses: [] };

testRule(rule, {
  valid: [
    {
      name: "every host has an address",
      snapshot: { ...emptySnapshot(), mx: mxAudit([[10, "mx1.example.com"]]) },
    },
    {
      name: "a host whose lookup failed is inconclusive, not without address",
      snapshot: {
        ...emptySnapshot(),
        mx: mxAudit([[10, "mx1.example.com"]], {
          "mx1.example.com": { status: "inconclusive", addresses: [] },
        }),
      },
    },
  ],
  invalid: [
    {
      name: "one of two hosts has no address",
      snapshot: {
        ...emptySnapshot(),
        mx: mxAudit(
          [
            [10, "mx1.example.com"],
            [20, "old.example.com"],
          ],
          { "old.example.com": gone },
        ),
      },
      findings: [{ messageId: "hostWithoutAddress", severity: "warning", data: { name: "old.example.com" } }],
    },
    {
      name: "no host has an address: mail cannot be delivered",
      snapshot: { ...emptySnapshot(), mx: mxAudit([[10, "gone.example.com"]], { "gone.example.com": gone }) },
      findings: [{ messageId: "noHostReachable", severity: "error", data: { count: 1 } }],
    },
  ],
});
