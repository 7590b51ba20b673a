import rule from "../../../rules/mx/ip-literal.js";
import { emptySnapshot, testRule } from "../../helpers/rule-tester.js";
import { mxAudit } from "../../helpers/surround-snapshots.js";

testRule(rule, {
  valid: [{ name: "a host name", snapshot: { ...emptySnapshot(), mx: mxAudit([[10, "mx1.example.com"]]) } }],
  invalid: [
    {
      name: "an IPv4 address as the exchange",
      snapshot: {
        ...emptySnapshot(),
        mx: mxAudit([[10, "192.0.2.1"]], { "192.0.2.1": { status: "ip-literal", addresses: [] } }),
      },
      findings: [{ messageId: "ipLiteral", severity: "error", data: { name: "192.0.2.1", value: 10 } }],
    },
  ],
});
