import rule from "../../../rules/alignment/spf.js";
import { testRule } from "../../helpers/rule-tester.js";
import { id, sender, snap } from "./builders.js";

testRule(rule, {
  valid: [
    { name: "aligned return path", snapshot: snap(sender({ spf: id("em.example.com", true) })) },
    { name: "undecidable (DNS failed)", snapshot: snap(sender({ spf: id("bounce.esp.test", null) })) },
    { name: "no return path declared", snapshot: snap(sender({ dkim: id("example.com", true) })) },
  ],
  invalid: [
    {
      name: "unaligned, DKIM unaligned too",
      snapshot: snap(sender({ spf: id("bounce.esp.test", false), dkim: id("esp.test", false) })),
      findings: [
        {
          messageId: "notAligned",
          data: { name: "ESP", domain: "bounce.esp.test", expected: "example.com", type: "relaxed" },
          severity: "error",
        },
      ],
    },
    {
      name: "unaligned, but DKIM aligns",
      snapshot: snap(sender({ spf: id("em.example.com", false, "strict"), dkim: id("example.com", true) })),
      findings: [{ messageId: "notAlignedCovered", data: { type: "strict" }, severity: "warning" }],
    },
  ],
});
