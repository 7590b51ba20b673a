/**
 * SPF acceptance scenarios (RFC 7208). Lookup counts are hand counts of DNS-querying terms
 * (include, a, mx, ptr, exists, redirect; §4.6.4) over the whole tree, derived in each zone file's
 * header comment under fixtures/e2e/. Severities follow the RFC: what makes check_host() return
 * permerror (over 10 lookups, over 2 void lookups, a loop) is an error; `+all` is an error and
 * `?all` a warning (docs/cli.md).
 */
import type { Scenario } from "./scenario.js";

/** Findings no sound SPF tree may raise. */
const SPF_SOUND = [
  "spf/missing",
  "spf/multiple-records",
  "spf/syntax",
  "spf/lookup-limit",
  "spf/void-lookup-limit",
  "spf/include-loop",
  "spf/include-missing",
  "spf/permissive-all",
  "spf/no-all",
];

export const SPF_SCENARIOS: Scenario[] = [
  {
    name: "Google Workspace tree alone: 1 include + 3 nested = 4 lookups",
    domain: "acme-workspace.test",
    expect: {
      exitCode: 0,
      status: "pass",
      spf: { record: "v=spf1 include:_spf.google.test -all", lookupCount: 4, voidLookupCount: 0 },
      absent: ["spf/"],
    },
  },
  {
    name: "Microsoft 365 tree alone: include + nested spfd = 2 lookups",
    domain: "globex-retail.test",
    // The apex also publishes a non-SPF TXT (MS=…): only the v=spf1 one is the record.
    expect: {
      spf: { record: "v=spf1 include:spf.protection.outlook.test -all", lookupCount: 2, voidLookupCount: 0 },
      absent: SPF_SOUND,
    },
  },
  {
    name: "SendGrid tree alone: 1 lookup",
    domain: "notify.globex-retail.test",
    expect: {
      spf: { record: "v=spf1 include:sendgrid.test -all", lookupCount: 1, voidLookupCount: 0 },
      absent: SPF_SOUND,
    },
  },
  {
    name: "Mailchimp tree alone: 1 lookup; the included record's ?all is not this domain's policy (§5.2)",
    domain: "news.globex-retail.test",
    expect: {
      spf: { record: "v=spf1 include:servers.mcsv.test ~all", lookupCount: 1, voidLookupCount: 0 },
      absent: SPF_SOUND,
    },
  },
  {
    name: "Salesforce tree alone: include + 2 nested + macro exists = 4 lookups",
    domain: "crm.globex-retail.test",
    expect: { spf: { lookupCount: 4, voidLookupCount: 0 }, absent: SPF_SOUND },
  },
  {
    name: "Google + SendGrid + Mailchimp combined: 4 + 1 + 1 = 6 lookups, under the limit",
    domain: "shop.globex-retail.test",
    expect: { spf: { lookupCount: 6, voidLookupCount: 0 }, absent: SPF_SOUND },
  },
  {
    name: "every ESP at once plus mx: 13 lookups, spf/lookup-limit error, exit 1",
    domain: "massive-dynamic.test",
    expect: {
      exitCode: 1,
      status: "fail",
      spf: { lookupCount: 13, voidLookupCount: 0 },
      findings: [{ rule: "spf/lookup-limit", severity: "error" }],
      absent: ["spf/missing", "spf/include-missing", "spf/void-lookup-limit"],
    },
  },
  {
    name: "3 void lookups (MX NODATA, 2 × NXDOMAIN): spf/void-lookup-limit error",
    domain: "hooli.test",
    expect: {
      exitCode: 1,
      status: "fail",
      spf: { lookupCount: 3, voidLookupCount: 3 },
      findings: [{ rule: "spf/void-lookup-limit", severity: "error" }],
      absent: ["spf/lookup-limit", "spf/missing"],
    },
  },
  {
    name: "include loop _spf-a -> _spf-b -> _spf-a: spf/include-loop, evaluation ends",
    domain: "loop.wayne-enterprises.test",
    expect: {
      exitCode: 1,
      status: "fail",
      findings: [{ rule: "spf/include-loop", severity: "error" }],
      absent: ["spf/missing", "dns/lookup-failed"],
    },
  },
  {
    name: "record split into 255 + 73 octet strings is joined exactly, without a space (§3.3)",
    domain: "long.wayne-enterprises.test",
    expect: {
      exitCode: 0,
      spf: {
        record:
          "v=spf1 ip4:198.51.100.10 ip4:198.51.100.20 ip4:198.51.100.30 ip4:198.51.100.40 ip4:198.51.100.50 ip4:198.51.100.60 ip4:198.51.100.70 ip4:198.51.100.80 ip4:198.51.100.90 ip4:198.51.100.100 ip4:198.51.100.110 ip4:198.51.100.120 ip4:198.51.100.130 ip4:198.51.100.140 ip4:198.51.100.150 ip4:198.51.100.160 include:sendgrid.test -all",
        lookupCount: 1,
        voidLookupCount: 0,
      },
      absent: [...SPF_SOUND, "spf/record-too-long"],
    },
  },
  {
    name: "apex TXT RRset of ~1.4 KB (truncated over UDP, fetched over TCP): the one SPF record is found",
    domain: "stark-industries.test",
    expect: {
      exitCode: 0,
      status: "pass",
      spf: { record: "v=spf1 include:spf.protection.outlook.test -all", lookupCount: 2, voidLookupCount: 0 },
      dmarc: { source: "stark-industries.test", effectivePolicy: "reject" },
      absent: [...SPF_SOUND, "dns/lookup-failed"],
    },
  },
  {
    name: "an include inside a delegation that SERVFAILs: inconclusive, exit 3, never 'missing'",
    domain: "cyberdyne.test",
    recursiveOnly: "the dead delegation exists only in the recursive resolver's configuration",
    expect: {
      exitCode: 3,
      status: "inconclusive",
      findings: [{ rule: "dns/lookup-failed" }],
      absent: ["spf/missing", "spf/include-missing", "spf/lookup-limit"],
      lookupFailures: ["TXT spf.broken-esp.test"],
    },
  },
  {
    name: "control characters and ANSI escapes in TXT records are carried as data in JSON",
    domain: "tyrell-corp.test",
    expect: {
      spf: { record: "v=spf1 ip4:192.0.2.1 \u001b[2J\u001b[31m-all\u001b[0m\r\b+all\u0007\t" },
      dmarc: { record: "v=DMARC1; p=reject; rua=mailto:dmarc@tyrell-corp.test; \u001b]0;owned\u0007" },
    },
  },
  {
    name: "+all: spf/permissive-all error, exit 1",
    domain: "legacy.wayne-enterprises.test",
    expect: { exitCode: 1, status: "fail", findings: [{ rule: "spf/permissive-all", severity: "error" }] },
  },
  {
    name: "?all: spf/permissive-all warning only, exit 0",
    domain: "partners.wayne-enterprises.test",
    expect: { exitCode: 0, status: "pass", findings: [{ rule: "spf/permissive-all", severity: "warning" }] },
  },
];
