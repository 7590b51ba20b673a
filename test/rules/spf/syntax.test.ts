import rule from "../../../rules/spf/syntax.js";
import { testRule } from "../../helpers/rule-tester.js";
import { node, spfSnapshot } from "./snapshots.js";

testRule(rule, {
  valid: [
    {
      name: "a valid record",
      snapshot: spfSnapshot(node("example.com", "v=spf1 ip4:192.0.2.0/24 a:mail.example.com/28 -all")),
    },
  ],
  invalid: [
    {
      name: "every problem of the record, in order",
      snapshot: spfSnapshot(node("example.com", "v=spf1 ip4:192.0.2.300 foo:bar -all")),
      findings: [
        { messageId: "invalid", data: { name: "example.com", value: "ip4:192.0.2.300" }, severity: "error" },
        { messageId: "invalid", data: { name: "example.com", value: "foo:bar" } },
      ],
    },
    {
      name: "a problem in an included record",
      snapshot: spfSnapshot(
        node("example.com", "v=spf1 include:bad.example.net -all", {
          children: [node("bad.example.net", "v=spf1 exists:%{c}.example.net -all", { via: "include" })],
        }),
      ),
      findings: [
        { messageId: "invalid", data: { name: "bad.example.net", value: "exists:%{c}.example.net" } },
      ],
    },
  ],
});
