import rule from "../../../rules/spf/record-too-long.js";
import { testRule } from "../../helpers/rule-tester.js";
import { node, spfSnapshot } from "./snapshots.js";

/** A valid record of exactly `octets` octets (the last ip4 term may be cut; only its length matters here). */
const record = (octets: number) => `${`v=spf1 ${"ip4:192.0.2.1 ".repeat(80)}`.slice(0, octets - 5)} -all`;
/** 40 ip4 terms and an include: large, and read by every receiver over EDNS0 or TCP. */
const FORTY_TERMS = `v=spf1 ${"ip4:192.0.2.123/32 ".repeat(40)}include:_spf.example.net -all`;
/** The name's octets: answers below are sized with it, as RFC 7208 §3.4 counts them. */
const NAME = "example.com".length;

testRule(rule, {
  valid: [
    { name: "a 450-octet answer", snapshot: spfSnapshot(node("example.com", record(450 - NAME))) },
    {
      name: "a record that could not be read says nothing about size",
      snapshot: spfSnapshot(node("example.com", null, { status: "temperror", answerBytes: 0 })),
    },
  ],
  invalid: [
    {
      name: "a 451-octet answer: a notice",
      snapshot: spfSnapshot(node("example.com", record(451 - NAME))),
      findings: [{ messageId: "nearUdp", data: { count: 451, limit: 450 }, severity: "notice" }],
    },
    {
      name: "a 513-octet answer: a warning",
      snapshot: spfSnapshot(node("example.com", record(513 - NAME))),
      findings: [{ messageId: "overUdp", data: { count: 513, limit: 512 }, severity: "warning" }],
    },
    {
      // Every receiver reads it over EDNS0 or TCP: never an error, whatever the size.
      name: "a record of 40 ip4 terms and an include: a warning, not an error",
      snapshot: spfSnapshot(node("example.com", FORTY_TERMS)),
      findings: [{ messageId: "overUdp", data: { count: NAME + FORTY_TERMS.length }, severity: "warning" }],
    },
    {
      name: "a short SPF record beside long verification records at the same name",
      snapshot: spfSnapshot(node("example.com", "v=spf1 -all", { answerBytes: 600 })),
      findings: [{ messageId: "overUdp", data: { name: "example.com", count: 600 }, severity: "warning" }],
    },
    {
      name: "an include reached twice is reported once",
      snapshot: spfSnapshot(
        node("example.com", "v=spf1 include:big.example.net include:big.example.net -all", {
          children: [
            node("big.example.net", "v=spf1 -all", { via: "include", answerBytes: 480 }),
            node("big.example.net", "v=spf1 -all", { via: "include", answerBytes: 480 }),
          ],
        }),
      ),
      findings: [{ messageId: "nearUdp", data: { name: "big.example.net", count: 480 }, severity: "notice" }],
    },
  ],
});
