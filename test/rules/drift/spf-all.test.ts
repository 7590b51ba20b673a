import rule from "../../../rules/drift/spf-all.js";
import { testRule } from "../../helpers/rule-tester.js";
import { declaration, snapshot, spfAudit, spfNode } from "./snapshots.js";

const expectFail = declaration({ expect: { spf: { all: "fail" } } });

testRule(rule, {
  valid: [
    {
      name: "-all as declared",
      snapshot: snapshot({ spf: spfAudit(spfNode("example.com")) }),
      declared: expectFail,
    },
    {
      name: "redirect target ends in -all",
      snapshot: snapshot({
        spf: spfAudit(
          spfNode("example.com", {
            allQualifier: null,
            hasRedirect: true,
            children: [spfNode("_spf.example.net", { via: "redirect" })],
          }),
        ),
      }),
      declared: expectFail,
    },
    {
      name: "redirect target unreadable: unknown, not drift",
      snapshot: snapshot({
        spf: spfAudit(
          spfNode("example.com", {
            allQualifier: null,
            hasRedirect: true,
            children: [
              spfNode("_spf.example.net", { via: "redirect", status: "temperror", allQualifier: null }),
            ],
          }),
        ),
      }),
      declared: expectFail,
    },
  ],
  invalid: [
    {
      name: "-all became ~all",
      snapshot: snapshot({ spf: spfAudit(spfNode("example.com", { allQualifier: "~" })) }),
      declared: expectFail,
      findings: [{ messageId: "changed", data: { expected: "fail", actual: "~all (softfail)" } }],
    },
  ],
});
