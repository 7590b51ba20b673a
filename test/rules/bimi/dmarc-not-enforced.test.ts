import rule from "../../../rules/bimi/dmarc-not-enforced.js";
import { dmarcAudit, dmarcSnapshot } from "../../dmarc/snapshots.js";
import { testRule } from "../../helpers/rule-tester.js";
import { bimiAudit } from "../../helpers/surround-snapshots.js";

const RECORD = "v=BIMI1; l=https://example.com/logo.svg";
const world = (dmarc: string | null, record = RECORD) => ({
  ...dmarcSnapshot(dmarc),
  bimi: bimiAudit(record),
});

testRule(rule, {
  valid: [
    { name: "p=reject", snapshot: world("v=DMARC1; p=reject") },
    { name: "p=quarantine; pct=100", snapshot: world("v=DMARC1; p=quarantine; pct=100") },
    { name: "a declining record is not judged", snapshot: world("v=DMARC1; p=none", "v=BIMI1; l=; a=") },
    {
      name: "DMARC discovery cut short by DNS: inconclusive",
      snapshot: { ...dmarcSnapshot("v=DMARC1; p=none", { complete: false }), bimi: bimiAudit(RECORD) },
    },
  ],
  invalid: [
    {
      name: "p=none",
      snapshot: world("v=DMARC1; p=none"),
      findings: [
        {
          messageId: "notEnforced",
          severity: "error",
          data: { tag: "p", actual: "none", name: "_dmarc.example.com" },
        },
      ],
    },
    {
      name: "no DMARC record",
      snapshot: world(null),
      findings: [{ messageId: "notEnforced", data: { actual: "(no record)" } }],
    },
    {
      name: "pct=50",
      snapshot: world("v=DMARC1; p=quarantine; pct=50"),
      findings: [{ messageId: "partial", data: { actual: "50" } }],
    },
    {
      name: "a subdomain's own record enforces, its organizational domain's does not",
      snapshot: {
        ...dmarcSnapshot(
          "v=DMARC1; p=reject",
          {
            organizationalDomain: { treeWalk: "example.com", psl: "example.com" },
            treeWalk: {
              queried: ["_dmarc.news.example.com", "_dmarc.example.com"],
              found: [
                { domain: "news.example.com", record: "v=DMARC1; p=reject" },
                { domain: "example.com", record: "v=DMARC1; p=none; sp=none" },
              ],
            },
            source: "news.example.com",
          },
          "news.example.com",
        ),
        bimi: bimiAudit(RECORD),
      },
      findings: [
        { messageId: "notEnforced", data: { name: "_dmarc.example.com", tag: "p", actual: "none" } },
        { messageId: "notEnforced", data: { name: "_dmarc.example.com", tag: "sp", actual: "none" } },
      ],
    },
    {
      name: "sp=none at the organizational domain itself",
      snapshot: {
        ...dmarcSnapshot("v=DMARC1; p=reject; sp=none"),
        bimi: bimiAudit(RECORD),
        dmarc: dmarcAudit("v=DMARC1; p=reject; sp=none"),
      },
      findings: [{ messageId: "notEnforced", data: { tag: "sp" } }],
    },
  ],
});
