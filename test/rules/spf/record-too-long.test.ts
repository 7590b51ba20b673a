import rule from "../../../rules/spf/record-too-long.js";
import { testRule } from "../../helpers/rule-tester.js";
import { node, spfSnapshot } from "./snapshots.js";

/** A valid record of exactly `octets` octets (the last ip4 term may be cut; only its length matters here). */
const record = (octets: number) => `${`v=spf1 ${"ip4:192.0.2.1 ".repeat(60)}`.slice(0, octets - 5)} -all`;
testRule(rule, {
  valid: [{ name: "450 octets", snapshot: spfSnapshot(node("example.com", record(450))) }],
  invalid: [
    {
      name: "451 octets",
      snapshot: spfSnapshot(node("example.com", record(451))),
      findings: [{ messageId: "nearUdp", data: { count: 451, limit: 450 }, severity: "warning" }],
    },
    {
      name: "513 octets",
      snapshot: spfSnapshot(node("example.com", record(513))),
      findings: [{ messageId: "overUdp", data: { count: 513, limit: 512 }, severity: "error" }],
    },
  ],
});
