import rule from "../../../rules/drift/dmarc-rua.js";
import { testRule } from "../../helpers/rule-tester.js";
import { declaration, dmarcAudit, snapshot } from "./snapshots.js";

const expectRua = declaration({
  expect: { dmarc: { rua: ["mailto:dmarc@example.com", "mailto:reports@dmarc.cyber.dhs.gov"] } },
});

testRule(rule, {
  valid: [
    {
      name: "both destinations present, in another order and case",
      snapshot: snapshot({
        dmarc: dmarcAudit({ rua: ["mailto:Reports@dmarc.cyber.dhs.gov", "mailto:dmarc@example.com"] }),
      }),
      declared: expectRua,
    },
  ],
  invalid: [
    {
      name: "DHS destination dropped",
      snapshot: snapshot({ dmarc: dmarcAudit({ rua: ["mailto:dmarc@example.com"] }) }),
      declared: expectRua,
      findings: [{ messageId: "missing", data: { uri: "mailto:reports@dmarc.cyber.dhs.gov" } }],
    },
  ],
});
