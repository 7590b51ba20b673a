import rule from "../../../rules/mx/null-mx.js";
import { emptySnapshot, testRule } from "../../helpers/rule-tester.js";
import { mxAudit } from "../../helpers/surround-snapshots.js";
import { node, spfSnapshot } from "../spf/snapshots.js";

const withSpf = (record: string, mx: [number, string][]) => ({
  ...spfSnapshot(node("example.com", record)),
  mx: mxAudit(mx),
});

testRule(rule, {
  valid: [
    { name: "a null MX alone, sending nothing", snapshot: withSpf("v=spf1 -all", [[0, "."]]) },
    { name: "no null MX", snapshot: withSpf("v=spf1 mx -all", [[10, "mx1.example.com"]]) },
    { name: "a null MX without SPF", snapshot: { ...emptySnapshot(), mx: mxAudit([[0, "."]]) } },
    {
      name: "softfail for everyone authorizes nobody",
      snapshot: withSpf("v=spf1 -ip4:192.0.2.1 ~all", [[0, "."]]),
    },
  ],
  invalid: [
    {
      name: "a null MX beside real ones",
      snapshot: {
        ...emptySnapshot(),
        mx: mxAudit([
          [0, "."],
          [10, "mx1.example.com"],
        ]),
      },
      findings: [{ messageId: "mixed", severity: "error", data: { count: 1 } }],
    },
    {
      name: "a null MX with preference 10",
      snapshot: { ...emptySnapshot(), mx: mxAudit([[10, "."]]) },
      findings: [{ messageId: "preference", severity: "notice", data: { value: 10 } }],
    },
    {
      name: "accepts no mail, yet authorizes senders",
      snapshot: withSpf("v=spf1 include:_spf.example.net -all", [[0, "."]]),
      findings: [
        {
          messageId: "spfAuthorizes",
          severity: "warning",
          data: { record: "v=spf1 include:_spf.example.net -all" },
        },
      ],
    },
    {
      name: "a redirect authorizes what its target does",
      snapshot: withSpf("v=spf1 redirect=_spf.example.net", [[0, "."]]),
      findings: [{ messageId: "spfAuthorizes" }],
    },
  ],
});
