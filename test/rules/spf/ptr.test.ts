import rule from "../../../rules/spf/ptr.js";
import { testRule } from "../../helpers/rule-tester.js";
import { node, spfSnapshot } from "./snapshots.js";

testRule(rule, {
  valid: [{ name: "no ptr", snapshot: spfSnapshot(node("example.com", "v=spf1 a -all")) }],
  invalid: [
    {
      name: "ptr in the record and in an include",
      snapshot: spfSnapshot(
        node("example.com", "v=spf1 ?ptr include:x.example.net -all", {
          ptrTerms: ["?ptr"],
          children: [
            node("x.example.net", "v=spf1 ptr:example.net -all", {
              via: "include",
              ptrTerms: ["ptr:example.net"],
            }),
          ],
        }),
      ),
      findings: [
        { messageId: "ptr", data: { name: "example.com", mechanism: "?ptr" }, severity: "warning" },
        { messageId: "ptr", data: { name: "x.example.net", mechanism: "ptr:example.net" } },
      ],
    },
  ],
});
