/**
 * The DMARC reports of the world test (sources-world.test.ts), generated at run time: northwind.test's
 * mail as three receivers saw it. One of them ("badreporter.test") says fail for mail whose own auth
 * results show an aligned DKIM pass.
 */

export interface WorldRecord {
  ip: string;
  count: number;
  disposition?: string;
  /** policy_evaluated as the reporter wrote it. */
  evaluated: { dkim: "pass" | "fail"; spf: "pass" | "fail" };
  reason?: string;
  envelopeFrom?: string;
  dkim?: { domain: string; selector: string; result: string }[];
  spf?: { domain: string; result: string }[];
}

const DOMAIN = "northwind.test";

const own = (selector: string, result = "pass") => ({ domain: DOMAIN, selector, result });
const aligned = { dkim: "pass", spf: "pass" } as const;
const failed = { dkim: "fail", spf: "fail" } as const;

/** What each source sends, by role (the test looks them up by these names). */
export const WORLD_SOURCES = {
  google: "198.51.100.27",
  googleV6: "2001:db8:4860::1a",
  microsoft: "198.51.100.70",
  sendgridAligned: "198.51.100.130",
  sendgridUnaligned: "198.51.100.140",
  forwarder: "192.0.2.10",
  mailingList: "203.0.113.2",
  spoofer: "203.0.113.66",
  reverseTimesOut: "198.18.99.5",
} as const;

const S = WORLD_SOURCES;

const GOOGLE_RECEIVER: WorldRecord[] = [
  {
    ip: S.google,
    count: 120,
    evaluated: aligned,
    dkim: [own("google")],
    spf: [{ domain: DOMAIN, result: "pass" }],
  },
  {
    ip: S.googleV6,
    count: 30,
    evaluated: aligned,
    dkim: [own("google")],
    spf: [{ domain: DOMAIN, result: "pass" }],
  },
  {
    ip: S.microsoft,
    count: 60,
    evaluated: aligned,
    dkim: [own("selector1")],
    spf: [{ domain: DOMAIN, result: "pass" }],
  },
  {
    ip: S.sendgridAligned,
    count: 50,
    evaluated: aligned,
    envelopeFrom: `em.${DOMAIN}`,
    dkim: [own("s1")],
    spf: [{ domain: `em.${DOMAIN}`, result: "pass" }],
  },
  {
    ip: S.sendgridUnaligned,
    count: 80,
    evaluated: failed,
    envelopeFrom: "em123.sendgrid.net",
    dkim: [{ domain: "sendgrid.net", selector: "s1", result: "pass" }],
    spf: [{ domain: "em123.sendgrid.net", result: "pass" }],
  },
  {
    ip: S.forwarder,
    count: 12,
    evaluated: failed,
    reason: "forwarded",
    dkim: [own("google", "fail")],
    spf: [{ domain: DOMAIN, result: "fail" }],
  },
  {
    ip: S.mailingList,
    count: 9,
    evaluated: failed,
    envelopeFrom: "lists.example.org",
    dkim: [own("google", "fail"), { domain: "lists.example.org", selector: "list", result: "pass" }],
    spf: [{ domain: "lists.example.org", result: "pass" }],
  },
  { ip: S.spoofer, count: 7, evaluated: failed, spf: [{ domain: DOMAIN, result: "fail" }] },
  { ip: S.reverseTimesOut, count: 4, evaluated: failed, spf: [{ domain: DOMAIN, result: "fail" }] },
];

const YAHOO_RECEIVER: WorldRecord[] = [
  {
    ip: S.google,
    count: 25,
    evaluated: aligned,
    dkim: [own("google")],
    spf: [{ domain: DOMAIN, result: "pass" }],
  },
  { ip: S.spoofer, count: 3, evaluated: failed, spf: [{ domain: DOMAIN, result: "softfail" }] },
];

/** Aligned DKIM in its own auth results, yet "fail" in policy_evaluated. */
const BAD_RECEIVER: WorldRecord[] = [
  {
    ip: S.google,
    count: 40,
    evaluated: failed,
    dkim: [own("google")],
    spf: [{ domain: DOMAIN, result: "pass" }],
  },
];

export const WORLD_REPORTS = [
  { org: "google.com", id: "g-1", records: GOOGLE_RECEIVER },
  { org: "yahoo.test", id: "y-1", records: YAHOO_RECEIVER },
  { org: "badreporter.test", id: "b-1", records: BAD_RECEIVER },
];

export function worldReportXml(report: (typeof WORLD_REPORTS)[number], now: number): string {
  const records = report.records
    .map(
      (r) => `<record><row><source_ip>${r.ip}</source_ip><count>${r.count}</count><policy_evaluated>
<disposition>${r.disposition ?? "none"}</disposition><dkim>${r.evaluated.dkim}</dkim><spf>${r.evaluated.spf}</spf>
${r.reason ? `<reason><type>${r.reason}</type></reason>` : ""}</policy_evaluated></row>
<identifiers><header_from>${DOMAIN}</header_from>${r.envelopeFrom ? `<envelope_from>${r.envelopeFrom}</envelope_from>` : ""}</identifiers>
<auth_results>${(r.dkim ?? []).map((d) => `<dkim><domain>${d.domain}</domain><selector>${d.selector}</selector><result>${d.result}</result></dkim>`).join("")}${(r.spf ?? []).map((s) => `<spf><domain>${s.domain}</domain><scope>mfrom</scope><result>${s.result}</result></spf>`).join("")}</auth_results></record>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<feedback><report_metadata><org_name>${report.org}</org_name><email>dmarc@${report.org}</email><report_id>${report.id}</report_id>
<date_range><begin>${now - 86_400}</begin><end>${now}</end></date_range></report_metadata>
<policy_published><domain>${DOMAIN}</domain><adkim>r</adkim><aspf>r</aspf><p>none</p><sp>none</sp><pct>100</pct></policy_published>
${records}
</feedback>
`;
}
