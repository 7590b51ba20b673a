import rule from "../../../rules/spf/no-all.js";
import { testRule } from "../../helpers/rule-tester.js";
import { node, spfSnapshot } from "./snapshots.js";

testRule(rule, {
  valid: [
    { name: "ends with -all", snapshot: spfSnapshot(node("example.com", "v=spf1 ip4:192.0.2.1 -all")) },
    {
      name: "redirects to a record with -all",
      snapshot: spfSnapshot(
        node("example.com", "v=spf1 redirect=_spf.example.com", {
          children: [node("_spf.example.com", "v=spf1 -all", { via: "redirect" })],
        }),
      ),
    },
    { name: "no record", snapshot: spfSnapshot(null) },
  ],
  invalid: [
    {
      name: "no all, no redirect",
      snapshot: spfSnapshot(node("example.com", "v=spf1 ip4:192.0.2.1")),
      findings: [{ messageId: "noAll", data: { name: "example.com" }, severity: "warning" }],
    },
    {
      name: "the redirect target has no all",
      snapshot: spfSnapshot(
        node("example.com", "v=spf1 redirect=_spf.example.com", {
          children: [node("_spf.example.com", "v=spf1 mx", { via: "redirect" })],
        }),
      ),
      findings: [{ messageId: "noAll", data: { name: "_spf.example.com" } }],
    },
  ],
});
