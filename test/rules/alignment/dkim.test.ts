import rule from "../../../rules/alignment/dkim.js";
import { testRule } from "../../helpers/rule-tester.js";
import { id, sender, snap } from "./builders.js";

testRule(rule, {
  valid: [{ name: "aligned d=", snapshot: snap(sender({ dkim: id("example.com", true) })) }],
  invalid: [
    {
      name: "unaligned, SPF unaligned too",
      snapshot: snap(sender({ spf: id("bounce.esp.test", false), dkim: id("esp.test", false) })),
      findings: [{ messageId: "notAligned", data: { domain: "esp.test" }, severity: "error" }],
    },
    {
      name: "unaligned, SPF aligns",
      snapshot: snap(sender({ spf: id("em.example.com", true), dkim: id("esp.test", false) })),
      findings: [{ messageId: "notAlignedCovered", severity: "warning" }],
    },
    {
      name: "no DKIM declared",
      snapshot: snap(sender({ spf: id("em.example.com", true) })),
      findings: [{ messageId: "unsigned", data: { name: "ESP" }, severity: "warning" }],
    },
  ],
});
