import rule from "../../../rules/drift/dmarc-subdomain-policy.js";
import { testRule } from "../../helpers/rule-tester.js";
import { declaration, dmarcAudit, snapshot } from "./snapshots.js";

const expectSpReject = declaration({ expect: { dmarc: { subdomainPolicy: "reject" } } });

testRule(rule, {
  valid: [
    {
      name: "sp as declared",
      snapshot: snapshot({ dmarc: dmarcAudit({ p: "reject" }) }),
      declared: expectSpReject,
    },
    {
      name: "incomplete discovery",
      snapshot: snapshot({ dmarc: dmarcAudit({ p: null, complete: false }) }),
      declared: expectSpReject,
    },
  ],
  invalid: [
    {
      name: "sp=none under p=reject",
      snapshot: snapshot({ dmarc: dmarcAudit({ p: "reject", subdomainPolicy: "none" }) }),
      declared: expectSpReject,
      findings: [{ messageId: "weaker", data: { expected: "reject", actual: "none" } }],
    },
    {
      name: "no record",
      snapshot: snapshot({ dmarc: dmarcAudit({ p: null }) }),
      declared: expectSpReject,
      findings: [{ messageId: "noPolicy" }],
    },
  ],
});
