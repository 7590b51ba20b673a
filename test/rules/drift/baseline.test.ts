import rule from "../../../rules/drift/baseline.js";
import { baselineView } from "../../../src/baseline/lockfile.js";
import { dmarcAudit as parsedDmarc } from "../../dmarc/snapshots.js";
import { testRule } from "../../helpers/rule-tester.js";
import { declaration, dkimAudit, snapshot, spfAudit, spfNode } from "./snapshots.js";

const vendor = (children = [] as ReturnType<typeof spfNode>[], includeVoid = false) =>
  spfNode("example.com", {
    record: "v=spf1 include:_spf.vendor.example -all",
    lookupTerms: [{ term: "include:_spf.vendor.example", void: includeVoid }],
    children: [spfNode("_spf.vendor.example", { via: "include", children })],
  });
const before = snapshot({ spf: spfAudit(vendor()), dkim: [dkimAudit("s1"), dkimAudit("s2")] });
const baselineOf = (s: ReturnType<typeof snapshot>) =>
  declaration({ baseline: { source: "mailaudit.lock.json", snapshot: baselineView(s) } });
const declared = baselineOf(before);

const dmarcBefore = snapshot({
  dmarc: parsedDmarc("v=DMARC1; p=reject; sp=reject; rua=mailto:d@example.com"),
});
const dmarcAfter = snapshot({
  dmarc: parsedDmarc("v=DMARC1; p=quarantine; sp=none; rua=mailto:d@example.com"),
});

/** The baseline as an older mailaudit wrote it: without a field this one records. */
const olderBaseline = (() => {
  const view = JSON.parse(JSON.stringify(baselineView(before)));
  delete view.spf.tree.answerBytes;
  delete view.spf.tree.children[0].answerBytes;
  return declaration({ baseline: { source: "mailaudit.lock.json", snapshot: view } });
})();

testRule(rule, {
  valid: [
    { name: "unchanged", snapshot: before, declared },
    {
      name: "answer-set order differs (RRsets are unordered)",
      snapshot: snapshot({ spf: spfAudit(vendor()), dkim: [dkimAudit("s2"), dkimAudit("s1")] }),
      declared,
    },
    {
      name: "a field the baseline never recorded (written by an older mailaudit) is not drift",
      snapshot: before,
      declared: olderBaseline,
    },
    {
      name: "a DNS failure this run: inconclusive, never drift",
      snapshot: {
        ...snapshot({ spf: spfAudit(null) }),
        lookupFailures: [{ name: "example.com", type: "TXT", reason: "timeout" }],
      },
      declared,
    },
    {
      name: "a DKIM key a plan holds without its data (known only after apply) is neither removed nor changed",
      snapshot: snapshot({
        spf: spfAudit(vendor()),
        dkim: [
          dkimAudit("s1"),
          dkimAudit("s2", { status: "not-checked", record: null, keyType: null, keyBits: null }),
        ],
        notChecked: [
          {
            name: "s2._domainkey.example.com",
            type: "TXT",
            source: "plan.json: aws_route53_record.s2",
            reason: "records known only after apply",
            kind: "after-apply",
          },
        ],
      }),
      declared,
    },
  ],
  invalid: [
    {
      // One edit of one record: one finding naming what changed in it, not one per derived JSON path.
      name: "the DMARC record changed p=reject→quarantine and sp=reject→none",
      snapshot: dmarcAfter,
      declared: baselineOf(dmarcBefore),
      findings: [
        {
          messageId: "changed",
          data: {
            name: "DMARC record at _dmarc.example.com",
            reason: "p: reject → quarantine; sp: reject → none",
            expected: "v=DMARC1; p=reject; sp=reject; rua=mailto:d@example.com",
            actual: "v=DMARC1; p=quarantine; sp=none; rua=mailto:d@example.com",
          },
        },
      ],
    },
    {
      name: "an include replaced by another: one finding on the record that names both",
      snapshot: snapshot({
        spf: spfAudit(
          spfNode("example.com", {
            record: "v=spf1 include:_spf.other.example -all",
            children: [spfNode("_spf.other.example", { via: "include" })],
          }),
        ),
        dkim: [dkimAudit("s1"), dkimAudit("s2")],
      }),
      declared,
      findings: [
        {
          messageId: "changed",
          data: {
            name: "SPF record at example.com",
            reason: "removed include:_spf.vendor.example; added include:_spf.other.example",
          },
        },
      ],
    },
    {
      name: "a nested include appeared under the vendor's include",
      snapshot: snapshot({
        spf: spfAudit(vendor([spfNode("_spf2.vendor.example", { via: "include" })])),
        dkim: [dkimAudit("s1"), dkimAudit("s2")],
      }),
      declared,
      findings: [{ messageId: "added", data: { name: "SPF record at _spf2.vendor.example" } }],
    },
    {
      name: "the same record, but a lookup it makes became void",
      snapshot: snapshot({ spf: spfAudit(vendor([], true)), dkim: [dkimAudit("s1"), dkimAudit("s2")] }),
      declared,
      findings: [
        {
          messageId: "dependency",
          data: { name: "SPF record at example.com", reason: "lookupTerms[0].void: false → true" },
        },
      ],
    },
    {
      name: "a key shrank and a selector vanished",
      snapshot: snapshot({ spf: spfAudit(vendor()), dkim: [dkimAudit("s1", { keyBits: 1024 })] }),
      declared,
      findings: [
        {
          messageId: "dependency",
          data: { name: "DKIM key at s1._domainkey.example.com", reason: "keyBits: 2048 → 1024" },
        },
        { messageId: "removed", data: { name: "DKIM key at s2._domainkey.example.com" } },
      ],
    },
    {
      name: "domain absent from the lock file",
      snapshot: before,
      declared: declaration({ baseline: { source: "mailaudit.lock.json", snapshot: undefined } }),
      findings: [
        { messageId: "notInBaseline", data: { record: "mailaudit.lock.json" }, severity: "warning" },
      ],
    },
  ],
});
