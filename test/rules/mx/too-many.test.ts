import rule from "../../../rules/mx/too-many.js";
import { emptySnapshot, testRule } from "../../helpers/rule-tester.js";
import { mxAudit } from "../../helpers/surround-snapshots.js";
import { node, spfSnapshot } from "../spf/snapshots.js";

const hosts = (n: number) =>
  Array.from({ length: n }, (_, i): [number, string] => [10 + i, `mx${i}.example.com`]);

testRule(rule, {
  valid: [
    { name: "ten hosts", snapshot: { ...emptySnapshot(), mx: mxAudit(hosts(10)) } },
    {
      name: "its own SPF mx already reports it (spf/mx-address-limit)",
      snapshot: {
        ...spfSnapshot(
          node("example.com", "v=spf1 mx -all", { lookupTerms: [{ term: "mx", void: false, mxHosts: 12 }] }),
        ),
        mx: mxAudit(hosts(12)),
      },
    },
  ],
  invalid: [
    {
      name: "twelve hosts",
      snapshot: { ...emptySnapshot(), mx: mxAudit(hosts(12)) },
      findings: [{ messageId: "tooMany", severity: "warning", data: { count: 12, limit: 10 } }],
    },
  ],
});
