import rule from "../../../rules/spf/include-loop.js";
import { testRule } from "../../helpers/rule-tester.js";
import { node, spfSnapshot } from "./snapshots.js";

testRule(rule, {
  valid: [
    {
      name: "the same include reached twice on different paths is not a loop",
      snapshot: spfSnapshot(
        node("example.com", "v=spf1 include:a.example.net include:b.example.net -all", {
          children: [
            node("a.example.net", "v=spf1 include:c.example.net -all", {
              via: "include",
              children: [node("c.example.net", "v=spf1 -all", { via: "include" })],
            }),
            node("b.example.net", "v=spf1 include:c.example.net -all", {
              via: "include",
              children: [node("c.example.net", "v=spf1 -all", { via: "include" })],
            }),
          ],
        }),
      ),
    },
  ],
  invalid: [
    {
      name: "a include b include a",
      snapshot: spfSnapshot(
        node("a.example.com", "v=spf1 include:b.example.com -all", {
          children: [
            node("b.example.com", "v=spf1 include:a.example.com -all", {
              via: "include",
              children: [
                node("a.example.com", null, {
                  via: "include",
                  term: "include:a.example.com",
                  status: "loop",
                }),
              ],
            }),
          ],
        }),
        {},
        "a.example.com",
      ),
      findings: [
        {
          messageId: "loop",
          data: { mechanism: "include:a.example.com", name: "a.example.com" },
          severity: "error",
        },
      ],
    },
  ],
});
