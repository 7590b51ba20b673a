import rule from "../../../rules/drift/dkim-selector.js";
import { testRule } from "../../helpers/rule-tester.js";
import { declaration, dkimAudit, snapshot } from "./snapshots.js";

const declared = declaration({ selectors: ["google", "s1"] });

testRule(rule, {
  valid: [
    {
      name: "both keys published",
      snapshot: snapshot({ dkim: [dkimAudit("google"), dkimAudit("s1")] }),
      declared,
    },
    {
      name: "lookup inconclusive: not drift",
      snapshot: snapshot({
        dkim: [dkimAudit("google"), dkimAudit("s1", { status: "inconclusive", record: null })],
      }),
      declared,
    },
  ],
  invalid: [
    {
      name: "s1 deleted",
      snapshot: snapshot({
        dkim: [dkimAudit("google"), dkimAudit("s1", { status: "missing", record: null, keyBits: null })],
      }),
      declared,
      findings: [{ messageId: "missing", data: { selector: "s1", name: "s1._domainkey.example.com" } }],
    },
  ],
});
