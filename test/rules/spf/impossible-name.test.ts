import rule from "../../../rules/spf/impossible-name.js";
import { impossibleNameReason } from "../../../src/spf/target-name.js";
import { testRule } from "../../helpers/rule-tester.js";
import { node, spfSnapshot } from "./snapshots.js";

const LONG_LABEL = "a".repeat(64);
const impossible = (term: string, target: string) => ({
  term,
  void: false,
  impossible: impossibleNameReason(target) as string,
});

testRule(rule, {
  valid: [
    {
      name: "targets that are DNS names",
      snapshot: spfSnapshot(
        node("example.com", "v=spf1 a:mail.example.com include:_spf.example.net -all", {
          lookupTerms: [
            { term: "a:mail.example.com", void: false },
            { term: "include:_spf.example.net", void: false },
          ],
        }),
      ),
    },
    {
      name: "a target built from macros is never judged",
      snapshot: spfSnapshot(
        node("example.com", "v=spf1 exists:%{l}..%{d} -all", {
          lookupTerms: [{ term: "exists:%{l}..%{d}", void: false, macro: true }],
        }),
      ),
    },
  ],
  invalid: [
    {
      name: "an empty label in an a target (RFC 7208 suite: invalid-domain-empty-label)",
      snapshot: spfSnapshot(
        node("example.com", "v=spf1 a:host..example -all", {
          lookupTerms: [impossible("a:host..example", "host..example")],
        }),
      ),
      findings: [
        {
          messageId: "neverMatches",
          data: { name: "example.com", mechanism: "a:host..example" },
          severity: "error",
        },
      ],
    },
    {
      name: "a 64-octet label in an include target (RFC 7208 suite: invalid-domain-long)",
      snapshot: spfSnapshot(
        node("example.com", `v=spf1 include:${LONG_LABEL}.example -all`, {
          lookupTerms: [impossible(`include:${LONG_LABEL}.example`, `${LONG_LABEL}.example`)],
        }),
      ),
      findings: [{ messageId: "permerror", data: { mechanism: `include:${LONG_LABEL}.example` } }],
    },
  ],
});
