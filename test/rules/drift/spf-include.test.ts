import rule from "../../../rules/drift/spf-include.js";
import { testRule } from "../../helpers/rule-tester.js";
import { declaration, snapshot, spfAudit, spfNode } from "./snapshots.js";

const expectGoogle = declaration({ expect: { spf: { includes: ["_spf.google.com"] } } });
const nested = spfNode("example.com", {
  children: [
    spfNode("_spf.example.com", {
      via: "include",
      children: [spfNode("_spf.google.com", { via: "include" })],
    }),
  ],
});

testRule(rule, {
  valid: [
    {
      name: "reached through a nested include",
      snapshot: snapshot({ spf: spfAudit(nested) }),
      declared: expectGoogle,
    },
    {
      name: "reached through redirect",
      snapshot: snapshot({
        spf: spfAudit(
          spfNode("example.com", { children: [spfNode("_spf.google.com", { via: "redirect" })] }),
        ),
      }),
      declared: expectGoogle,
    },
    {
      name: "part of the tree unread: not concluded",
      snapshot: snapshot({ spf: spfAudit(spfNode("example.com"), { inconclusive: true }) }),
      declared: expectGoogle,
    },
  ],
  invalid: [
    {
      name: "include dropped",
      snapshot: snapshot({
        spf: spfAudit(spfNode("example.com", { children: [spfNode("sendgrid.net", { via: "include" })] })),
      }),
      declared: expectGoogle,
      findings: [{ messageId: "missing", data: { name: "_spf.google.com" } }],
    },
  ],
});
