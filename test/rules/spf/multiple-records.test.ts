import rule from "../../../rules/spf/multiple-records.js";
import { testRule } from "../../helpers/rule-tester.js";
import { node, spfSnapshot } from "./snapshots.js";

const two = ["v=spf1 -all", "v=spf1 include:sendgrid.net -all"];
testRule(rule, {
  valid: [{ name: "one record", snapshot: spfSnapshot(node("example.com", "v=spf1 -all")) }],
  invalid: [
    {
      name: "two records at the domain",
      snapshot: spfSnapshot(node("example.com", null, { status: "multiple", records: two })),
      findings: [{ messageId: "multiple", data: { name: "example.com", count: 2 } }],
    },
    {
      name: "two records at an include target",
      snapshot: spfSnapshot(
        node("example.com", "v=spf1 include:_spf.example.net -all", {
          children: [
            node("_spf.example.net", null, {
              via: "include",
              term: "include:_spf.example.net",
              status: "multiple",
              records: two,
            }),
          ],
        }),
      ),
      findings: [
        { messageId: "multiple", data: { domain: "example.com", name: "_spf.example.net", count: 2 } },
      ],
    },
  ],
});
