import rule from "../../../rules/spf/mx-address-limit.js";
import { testRule } from "../../helpers/rule-tester.js";
import { node, spfSnapshot } from "./snapshots.js";

const withHosts = (mxHosts: number) =>
  spfSnapshot(node("example.com", "v=spf1 mx -all", { lookupTerms: [{ term: "mx", void: false, mxHosts }] }));
testRule(rule, {
  valid: [{ name: "10 MX hosts", snapshot: withHosts(10) }],
  invalid: [
    {
      name: "11 MX hosts",
      snapshot: withHosts(11),
      findings: [
        { messageId: "tooManyHosts", data: { mechanism: "mx", count: 11, limit: 10 }, severity: "error" },
      ],
    },
  ],
});
