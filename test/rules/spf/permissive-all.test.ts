import rule from "../../../rules/spf/permissive-all.js";
import { testRule } from "../../helpers/rule-tester.js";
import { node, spfSnapshot } from "./snapshots.js";

testRule(rule, {
  valid: [
    { name: "-all", snapshot: spfSnapshot(node("example.com", "v=spf1 ip4:192.0.2.1 -all")) },
    {
      name: "?all inside an include only means no match",
      snapshot: spfSnapshot(
        node("example.com", "v=spf1 include:servers.mcsv.net -all", {
          children: [node("servers.mcsv.net", "v=spf1 ip4:198.2.128.0/18 ?all", { via: "include" })],
        }),
      ),
    },
  ],
  invalid: [
    {
      name: "+all",
      snapshot: spfSnapshot(node("example.com", "v=spf1 +all")),
      findings: [
        { messageId: "plusAll", data: { mechanism: "+all", name: "example.com" }, severity: "error" },
      ],
    },
    {
      name: "a bare all is +all",
      snapshot: spfSnapshot(node("example.com", "v=spf1 a all")),
      findings: [{ messageId: "plusAll" }],
    },
    {
      name: "+all in an include matches every host",
      snapshot: spfSnapshot(
        node("example.com", "v=spf1 include:open.example.net -all", {
          children: [node("open.example.net", "v=spf1 +all", { via: "include" })],
        }),
      ),
      findings: [{ messageId: "plusAll", data: { name: "open.example.net" } }],
    },
    {
      name: "?all at the domain",
      snapshot: spfSnapshot(node("example.com", "v=spf1 ip4:192.0.2.1 ?all")),
      findings: [{ messageId: "neutralAll", data: { mechanism: "?all" }, severity: "warning" }],
    },
    {
      name: "?all at the end of the redirect chain",
      snapshot: spfSnapshot(
        node("example.com", "v=spf1 redirect=_spf.example.com", {
          children: [node("_spf.example.com", "v=spf1 ?all", { via: "redirect" })],
        }),
      ),
      findings: [{ messageId: "neutralAll", data: { name: "_spf.example.com" } }],
    },
  ],
});
