import rule from "../../../rules/drift/dmarc-policy.js";
import { testRule } from "../../helpers/rule-tester.js";
import { declaration, dmarcAudit, snapshot } from "./snapshots.js";

const expectReject = declaration({ expect: { dmarc: { policy: "reject" } } });

testRule(rule, {
  valid: [
    {
      name: "policy as declared",
      snapshot: snapshot({ dmarc: dmarcAudit({ p: "reject" }) }),
      declared: expectReject,
    },
    {
      name: "stronger than declared",
      snapshot: snapshot({ dmarc: dmarcAudit({ p: "reject" }) }),
      declared: declaration({ expect: { dmarc: { policy: "quarantine" } } }),
    },
    {
      name: "nothing declared",
      snapshot: snapshot({ dmarc: dmarcAudit({ p: "none" }) }),
      declared: declaration(),
    },
    {
      name: "discovery cut short by DNS: inconclusive, not drift",
      snapshot: snapshot({ dmarc: dmarcAudit({ p: null, complete: false }) }),
      declared: expectReject,
    },
  ],
  invalid: [
    {
      name: "quarantine where reject is declared",
      snapshot: snapshot({ dmarc: dmarcAudit({ p: "quarantine" }) }),
      declared: expectReject,
      findings: [
        {
          messageId: "weaker",
          data: { domain: "example.com", expected: "reject", actual: "quarantine" },
          severity: "error",
        },
      ],
    },
    {
      name: "no record at all",
      snapshot: snapshot({ dmarc: dmarcAudit({ p: null }) }),
      declared: expectReject,
      findings: [{ messageId: "noPolicy", data: { expected: "reject" } }],
    },
  ],
});
