import rule from "../../../rules/dkim/reported-selector-missing.js";
import type { DkimAudit } from "../../../src/dkim/types.js";
import { emptySnapshot, testRule } from "../../helpers/rule-tester.js";

const key = (selector: string, status: DkimAudit["status"]): DkimAudit => ({
  selector,
  name: `${selector}._domainkey.example.com`,
  status,
  record: status === "found" ? "v=DKIM1; p=MIIB" : null,
  keyType: null,
  keyBits: null,
  cnameChain: [],
  cnameTarget: null,
});

const reported = (selector: string, status: DkimAudit["status"], messages: number, passMessages: number) => ({
  ...emptySnapshot(),
  reportedSelectors: [{ selector, messages, passMessages, key: key(selector, status) }],
});

testRule(rule, {
  valid: [
    { name: "no --reports-db", snapshot: emptySnapshot() },
    { name: "the key is there", snapshot: reported("s2", "found", 120, 120) },
    { name: "DNS failed: inconclusive, never missing", snapshot: reported("s2", "inconclusive", 120, 120) },
  ],
  invalid: [
    {
      name: "signed passing mail, key gone: live mail will fail",
      snapshot: reported("s2", "missing", 130, 120),
      findings: [{ messageId: "liveMailFails", data: { selector: "s2", count: 120 }, severity: "error" }],
    },
    {
      name: "seen only on failing mail: a notice, never an error",
      snapshot: reported("spoofed", "missing", 9, 0),
      findings: [
        { messageId: "onlyFailingMail", data: { selector: "spoofed", count: 9 }, severity: "notice" },
      ],
    },
  ],
});
