/**
 * Generates the audit bench's DNS: N customer domains under one `test.` zone, each with an SPF
 * record including shared ESP trees (as real domains share Google's or Microsoft's), an MX, a DMARC
 * record (some with an external rua that needs a `_report._dmarc` authorization, RFC 7489 §7.1),
 * and two DKIM selectors with real RSA-2048 keys (some as CNAMEs to ESP-hosted keys).
 */
import { seededRandom } from "./random.js";

/** Shared ESP SPF trees: name → record. Nested includes as the real ones have. */
const ESP_TREES = {
  "_spf.esp-google.test":
    "v=spf1 include:_netblocks.esp-google.test include:_netblocks2.esp-google.test include:_netblocks3.esp-google.test ~all",
  "_netblocks.esp-google.test":
    "v=spf1 ip4:35.190.247.0/24 ip4:64.233.160.0/19 ip4:66.102.0.0/20 ip4:66.249.80.0/20 ip4:72.14.192.0/18 ip4:74.125.0.0/16 ip4:108.177.8.0/21 ip4:173.194.0.0/16 ~all",
  "_netblocks2.esp-google.test":
    "v=spf1 ip6:2001:4860:4000::/36 ip6:2404:6800:4000::/36 ip6:2607:f8b0:4000::/36 ip6:2800:3f0:4000::/36 ~all",
  "_netblocks3.esp-google.test":
    "v=spf1 ip4:172.217.0.0/19 ip4:172.217.32.0/20 ip4:172.217.128.0/19 ip4:108.177.96.0/19 ip4:35.191.0.0/16 ~all",
  "spf.protection.esp-outlook.test":
    "v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 ip4:52.100.0.0/15 ip4:104.47.0.0/17 include:spfd.protection.esp-outlook.test -all",
  "spfd.protection.esp-outlook.test": "v=spf1 ip4:51.4.72.0/24 ip4:51.5.72.0/24 ip4:51.5.80.0/27 -all",
  "sendgrid.esp-sendgrid.test":
    "v=spf1 ip4:167.89.0.0/17 ip4:208.117.48.0/20 ip4:50.31.32.0/19 ip4:198.37.144.0/20 ~all",
  "servers.esp-mcsv.test": "v=spf1 ip4:205.201.128.0/20 ip4:198.2.128.0/18 ip4:148.105.8.0/21 ?all",
  "amazonses.esp-ses.test": "v=spf1 ip4:199.255.192.0/22 ip4:199.127.232.0/22 ip4:54.240.0.0/18 -all",
  "mail.esp-zendesk.test": "v=spf1 include:_spf1.esp-zendesk.test include:_spf2.esp-zendesk.test ~all",
  "_spf1.esp-zendesk.test": "v=spf1 ip4:192.161.144.0/20 ip4:185.12.80.0/22 ~all",
  "_spf2.esp-zendesk.test": "v=spf1 ip4:188.172.128.0/20 ip4:216.198.0.0/18 ~all",
};
const ESP_INCLUDES = [
  "_spf.esp-google.test",
  "spf.protection.esp-outlook.test",
  "sendgrid.esp-sendgrid.test",
  "servers.esp-mcsv.test",
  "amazonses.esp-ses.test",
  "mail.esp-zendesk.test",
];
const RUA_VENDOR = "esp-dmarc-vendor.test";
const ESP_DKIM_HOST = "dkim.esp-sendgrid.test";

/** One TXT record's rdata in zone-file syntax: strings of at most 255 octets (RFC 1035 §3.3.14). */
function txt(text) {
  const chunks = [];
  for (let i = 0; i < text.length; i += 255) chunks.push(`"${text.slice(i, i + 255)}"`);
  return chunks.join(" ");
}

export function customerDomain(index) {
  return `brand${String(index).padStart(5, "0")}.test`;
}

/**
 * @param {{ domains: number, dkimKeys: string[], seed?: number }} options
 * @returns {{ zone: string, zoneText: string, domains: string[] }}
 */
export function generateAuditZone({ domains: count, dkimKeys, seed = 7489 }) {
  const random = seededRandom(seed);
  const lines = [
    "$ORIGIN test.",
    "$TTL 3600",
    "@ IN SOA ns.test. hostmaster.test. 2026112701 7200 3600 1209600 300",
    "@ IN NS ns.test.",
    "ns IN A 127.0.0.1",
  ];
  for (const [name, record] of Object.entries(ESP_TREES)) lines.push(`${name}. IN TXT ${txt(record)}`);
  // Wildcard authorization: the vendor accepts reports for any domain (RFC 7489 §7.1).
  lines.push(`*._report._dmarc.${RUA_VENDOR}. IN TXT ${txt("v=DMARC1")}`);
  const dkimRecord = (key) => txt(`v=DKIM1; k=rsa; p=${key}`);
  for (const [i, key] of dkimKeys.entries()) lines.push(`k${i}.${ESP_DKIM_HOST}. IN TXT ${dkimRecord(key)}`);

  const domains = [];
  for (let i = 1; i <= count; i++) {
    const domain = customerDomain(i);
    domains.push(domain);
    const includes = [...ESP_INCLUDES].sort(() => random.next() - 0.5).slice(0, random.int(1, 3));
    const terms = [
      random.chance(0.6) ? "mx" : null,
      random.chance(0.3) ? "a" : null,
      ...includes.map((d) => `include:${d}`),
    ];
    const all = random.pick(["-all", "-all", "~all"]);
    lines.push(`${domain}. IN TXT ${txt(["v=spf1", ...terms.filter(Boolean), all].join(" "))}`);
    lines.push(`${domain}. IN TXT ${txt(`google-site-verification=bench${i}`)}`);
    lines.push(`${domain}. IN A 198.51.100.${i % 250}`);
    lines.push(`${domain}. IN MX 10 mx1.${domain}.`, `${domain}. IN MX 20 mx2.${domain}.`);
    lines.push(`mx1.${domain}. IN A 203.0.113.${i % 250}`, `mx2.${domain}. IN A 203.0.113.${(i + 1) % 250}`);
    const rua = random.chance(0.3) ? `mailto:rua@${RUA_VENDOR}` : `mailto:dmarc@${domain}`;
    const policy = random.pick(["reject", "reject", "quarantine", "none"]);
    lines.push(
      `_dmarc.${domain}. IN TXT ${txt(`v=DMARC1; p=${policy}; sp=${policy}; rua=${rua}; adkim=r; aspf=r`)}`,
    );
    lines.push(`s1._domainkey.${domain}. IN TXT ${dkimRecord(random.pick(dkimKeys))}`);
    if (random.chance(0.2)) {
      lines.push(
        `s2._domainkey.${domain}. IN CNAME k${random.int(0, dkimKeys.length - 1)}.${ESP_DKIM_HOST}.`,
      );
    } else {
      lines.push(`s2._domainkey.${domain}. IN TXT ${dkimRecord(random.pick(dkimKeys))}`);
    }
  }
  return { zone: "test.", zoneText: `${lines.join("\n")}\n`, domains };
}
