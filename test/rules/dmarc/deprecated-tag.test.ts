import rule from "../../../rules/dmarc/deprecated-tag.js";
import { dmarcSnapshot } from "../../dmarc/snapshots.js";
import { testRule } from "../../helpers/rule-tester.js";

testRule(rule, {
  valid: [
    {
      name: "only current tags",
      snapshot: dmarcSnapshot("v=DMARC1; p=reject; np=reject; t=n; rua=mailto:a@example.com"),
    },
  ],
  invalid: [
    {
      name: "pct, rf, ri and !size",
      snapshot: dmarcSnapshot("v=DMARC1; p=reject; pct=100; rf=afrf; ri=3600; rua=mailto:a@example.com!10m"),
      findings: [
        { messageId: "historicTag", data: { tag: "pct", value: "100" }, severity: "notice" },
        { messageId: "historicTag", data: { tag: "rf" } },
        { messageId: "historicTag", data: { tag: "ri" } },
        { messageId: "sizeLimit", data: { uri: "mailto:a@example.com!10m" } },
      ],
    },
  ],
});
