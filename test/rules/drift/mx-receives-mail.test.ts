import rule from "../../../rules/drift/mx-receives-mail.js";
import { emptySnapshot, testRule } from "../../helpers/rule-tester.js";
import { mxAudit } from "../../helpers/surround-snapshots.js";
import { declaration } from "./snapshots.js";

const receives = (value: boolean) => declaration({ expect: { mx: { receivesMail: value } } });
const mx = (records: [number, string][]) => ({ ...emptySnapshot(), mx: mxAudit(records) });

testRule(rule, {
  valid: [
    { name: "receives: MX hosts", snapshot: mx([[10, "mx1.example.com"]]), declared: receives(true) },
    { name: "sending-only: no MX", snapshot: mx([]), declared: receives(false) },
    { name: "sending-only: a null MX", snapshot: mx([[0, "."]]), declared: receives(false) },
  ],
  invalid: [
    {
      name: "receives, but no MX",
      snapshot: mx([]),
      declared: receives(true),
      findings: [{ messageId: "noMx", severity: "error" }],
    },
    {
      name: "receives, but a null MX",
      snapshot: mx([[0, "."]]),
      declared: receives(true),
      findings: [{ messageId: "nullMx" }],
    },
    {
      name: "sending-only, but MX hosts",
      snapshot: mx([[10, "mx1.example.com"]]),
      declared: receives(false),
      findings: [{ messageId: "receives", data: { count: 1, actual: "mx1.example.com" } }],
    },
  ],
});
