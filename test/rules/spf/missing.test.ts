import rule from "../../../rules/spf/missing.js";
import { emptySnapshot, testRule } from "../../helpers/rule-tester.js";
import { node, spfSnapshot } from "./snapshots.js";

testRule(rule, {
  valid: [
    { name: "one record", snapshot: spfSnapshot(node("example.com", "v=spf1 -all")) },
    {
      name: "several records (spf/multiple-records speaks)",
      snapshot: spfSnapshot(
        node("example.com", null, { status: "multiple", records: ["v=spf1 -all", "v=spf1 +all"] }),
      ),
    },
    {
      name: "the TXT query failed: inconclusive, not missing",
      snapshot: spfSnapshot(null, { inconclusive: true }),
    },
    { name: "SPF not collected", snapshot: emptySnapshot() },
  ],
  invalid: [
    {
      name: "no v=spf1 record",
      snapshot: spfSnapshot(null),
      findings: [{ messageId: "missing", data: { domain: "example.com" }, severity: "error" }],
    },
  ],
});
