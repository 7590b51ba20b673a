/**
 * Generates the ingest corpus: many small RFC 7489 appendix C aggregate reports (as a mailbox of a
 * mid-size sender holds) and one big report (a large receiver's daily report for a big sender),
 * pretty-printed as Google and Microsoft send them. Written as a stream, so the generator itself
 * never holds a big report in memory.
 */

import { once } from "node:events";
import { createWriteStream, mkdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { seededRandom } from "./random.js";

const ORGS = [
  ["google.com", "noreply-dmarc-support@google.com"],
  ["Outlook.com", "dmarcreport@microsoft.com"],
  ["Yahoo", "dmarchelp@yahooinc.com"],
  ["Mail.Ru", "dmarc_support@corp.mail.ru"],
  ["Enterprise Org", "dmarc@enterprise.example"],
];

function header(random, org, reportId, domain, begin) {
  return `<?xml version="1.0" encoding="UTF-8" ?>
<feedback>
  <version>1.0</version>
  <report_metadata>
    <org_name>${org[0]}</org_name>
    <email>${org[1]}</email>
    <extra_contact_info>https://support.example/dmarc</extra_contact_info>
    <report_id>${reportId}</report_id>
    <date_range>
      <begin>${begin}</begin>
      <end>${begin + 86399}</end>
    </date_range>
  </report_metadata>
  <policy_published>
    <domain>${domain}</domain>
    <adkim>r</adkim>
    <aspf>r</aspf>
    <p>${random.pick(["none", "quarantine", "reject"])}</p>
    <sp>reject</sp>
    <pct>100</pct>
    <np>reject</np>
  </policy_published>
`;
}

function record(random, domain, index) {
  const pass = random.chance(0.9);
  const ip = random.chance(0.85)
    ? `${random.int(1, 223)}.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}`
    : `2001:db8:${(index & 0xffff).toString(16)}::${random.int(1, 0xfff).toString(16)}`;
  const dkim = pass ? "pass" : random.pick(["fail", "none"]);
  const spf = pass ? "pass" : random.pick(["fail", "softfail", "neutral"]);
  return `  <record>
    <row>
      <source_ip>${ip}</source_ip>
      <count>${random.int(1, 500)}</count>
      <policy_evaluated>
        <disposition>${pass ? "none" : random.pick(["none", "quarantine", "reject"])}</disposition>
        <dkim>${dkim}</dkim>
        <spf>${spf}</spf>
      </policy_evaluated>
    </row>
    <identifiers>
      <header_from>${domain}</header_from>
      <envelope_from>bounce.${domain}</envelope_from>
    </identifiers>
    <auth_results>
      <dkim>
        <domain>${domain}</domain>
        <selector>s${random.int(1, 2)}</selector>
        <result>${dkim}</result>
      </dkim>
      <spf>
        <domain>bounce.${domain}</domain>
        <scope>mfrom</scope>
        <result>${spf}</result>
      </spf>
    </auth_results>
  </record>
`;
}

const FOOTER = "</feedback>\n";

/** `count` small reports of 1–40 records each in `dir`; returns total bytes. */
export function writeSmallReports(dir, count, seed = 9990) {
  const random = seededRandom(seed);
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const org = random.pick(ORGS);
    const domain = `brand${String(random.int(1, 500)).padStart(5, "0")}.test`;
    const begin = 1790000000 + random.int(0, 365) * 86400;
    const parts = [header(random, org, `bench-${seed}-${i}`, domain, begin)];
    const records = random.int(1, 40);
    for (let r = 0; r < records; r++) parts.push(record(random, domain, r));
    parts.push(FOOTER);
    const text = parts.join("");
    // Receivers name files <receiver>!<policy domain>!<begin>!<end>.xml (RFC 7489 §7.2.1.1).
    writeFileSync(
      join(dir, `${org[0].replaceAll(" ", "_")}!${domain}!${begin}!${begin + 86399}!${i}.xml`),
      text,
    );
    bytes += Buffer.byteLength(text);
  }
  return bytes;
}

/** One report of about `megabytes` MB at `file`, streamed out; returns its byte size. */
export async function writeBigReport(file, megabytes, seed = 7489) {
  const random = seededRandom(seed);
  const out = createWriteStream(file);
  const domain = "bigsender.test";
  out.write(header(random, ORGS[0], `bench-big-${seed}`, domain, 1790000000));
  const target = megabytes * 1024 * 1024;
  let written = 0;
  for (let i = 0; written < target; i++) {
    const chunk = record(random, domain, i);
    written += chunk.length;
    if (!out.write(chunk)) await once(out, "drain");
  }
  out.end(FOOTER);
  await once(out, "finish");
  return statSync(file).size;
}
