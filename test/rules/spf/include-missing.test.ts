import rule from "../../../rules/spf/include-missing.js";
import { testRule } from "../../helpers/rule-tester.js";
import { node, spfSnapshot } from "./snapshots.js";

const withChild = (child: ReturnType<typeof node>) =>
  spfSnapshot(node("example.com", `v=spf1 ${child.term} -all`, { children: [child] }));

testRule(rule, {
  valid: [
    {
      name: "the include target has a record",
      snapshot: withChild(
        node("_spf.example.net", "v=spf1 -all", { via: "include", term: "include:_spf.example.net" }),
      ),
    },
    {
      name: "the include target's lookup failed: inconclusive, not missing",
      snapshot: withChild(
        node("_spf.example.net", null, {
          via: "include",
          term: "include:_spf.example.net",
          status: "temperror",
        }),
      ),
    },
    { name: "the domain itself has none (spf/missing speaks)", snapshot: spfSnapshot(null) },
  ],
  invalid: [
    {
      name: "an include of a name without SPF",
      snapshot: withChild(
        node("_spf.exmaple.net", null, { via: "include", term: "include:_spf.exmaple.net" }),
      ),
      findings: [
        {
          messageId: "missing",
          data: { mechanism: "include:_spf.exmaple.net", name: "_spf.exmaple.net" },
          severity: "error",
        },
      ],
    },
    {
      name: "a redirect to a name without SPF",
      snapshot: spfSnapshot(
        node("example.com", "v=spf1 redirect=gone.example.com", {
          children: [node("gone.example.com", null, { via: "redirect", term: "redirect=gone.example.com" })],
        }),
      ),
      findings: [{ messageId: "missing", data: { mechanism: "redirect=gone.example.com" } }],
    },
  ],
});
