import rule from "../../../rules/dns/assumed-absent.js";
import { emptySnapshot, testRule } from "../../helpers/rule-tester.js";

testRule(rule, {
  valid: [
    { name: "nothing assumed (online, or a zone that answered everything)", snapshot: emptySnapshot() },
  ],
  invalid: [
    {
      name: "the DMARC tree walk's name above the zone, listed once",
      snapshot: { ...emptySnapshot(), assumedAbsent: ["_dmarc.example", "_spf.provider.example"] },
      findings: [
        {
          messageId: "assumed",
          data: { count: 2, name: "_dmarc.example, _spf.provider.example" },
          severity: "notice",
        },
      ],
    },
  ],
});
