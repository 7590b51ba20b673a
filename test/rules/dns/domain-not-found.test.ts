import rule from "../../../rules/dns/domain-not-found.js";
import { dmarcSnapshot } from "../../dmarc/snapshots.js";
import { testRule } from "../../helpers/rule-tester.js";

testRule(rule, {
  valid: [
    { name: "the domain exists", snapshot: dmarcSnapshot(null) },
    {
      name: "DNS could not tell (a failure is not an absence)",
      snapshot: dmarcSnapshot(null, { domainExists: null, complete: false }),
    },
  ],
  invalid: [
    {
      name: "NXDOMAIN at the apex",
      snapshot: dmarcSnapshot(null, { domainExists: false }, "exmaple.com"),
      findings: [{ messageId: "notFound", data: { domain: "exmaple.com" }, severity: "error" }],
    },
  ],
});
