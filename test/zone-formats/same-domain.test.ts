/**
 * One domain written in every format `--zone` reads gives byte-identical `check` JSON: each reader
 * produces the records the RFC 1035 zone file holds (long DKIM keys split differently, octoDNS's
 * `\;`, Route 53's octal escapes and `""` splits, Cloudflare's quoted content, Unicode and quotes).
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES_DIR } from "../helpers/fixtures.js";
import { runCli } from "../helpers/run-cli.js";

const DIR = join(FIXTURES_DIR, "zone-formats");
const FORMATS = {
  "RFC 1035 zone file": "equal.example.zone",
  "octoDNS YAML": "equal.example.yaml",
  "DNSControl print-ir": "dnscontrol-ir.json",
  "Terraform plan, Route 53": "route53-plan.json",
  "Terraform plan, Cloudflare": "cloudflare-plan.json",
  "Terraform plan, Google Cloud DNS": "google-plan.json",
  "Terraform plan, Azure DNS": "azure-plan.json",
};

const check = (file: string) =>
  runCli([
    "check",
    "equal.example",
    "--zone",
    join(DIR, file),
    "-s",
    "s1",
    "-s",
    "s2",
    "-s",
    "note",
    // Names outside the zone (the DMARC tree walk's _dmarc.example) are assumed absent, the same
    // for every format; nothing leaves the machine.
    "--offline",
    "-f",
    "json",
  ]);

describe("the same domain in every --zone format", () => {
  it("gives byte-identical check JSON", async () => {
    const results = await Promise.all(Object.values(FORMATS).map(check));
    const [reference] = results;
    // A zone that describes the domain fully checks offline with a verdict, never "inconclusive".
    expect([0, 1]).toContain(reference?.exitCode);
    const doc = JSON.parse(reference?.stdout ?? "") as {
      domains: Array<{
        spf: { record: string };
        dmarc: { record: string };
        dkim: Array<{
          selector: string;
          record: string | null;
          keyBits: number | null;
          cnameChain: unknown[];
        }>;
      }>;
    };
    // The reference itself read what the zone file says, edge cases included.
    const domain = doc.domains[0];
    expect(domain?.spf.record).toBe("v=spf1 ip4:192.0.2.0/24 include:_spf.equal.example -all");
    expect(domain?.dmarc.record).toBe(
      "v=DMARC1; p=reject; sp=quarantine; rua=mailto:dmarc@equal.example; adkim=s",
    );
    const dkim = new Map(domain?.dkim.map((d) => [d.selector, d]));
    expect(dkim.get("s1")?.keyBits).toBe(2048);
    expect(dkim.get("s2")?.cnameChain).toHaveLength(1);
    expect(dkim.get("note")?.record).toContain('n=Schlüssel für "Newsletter"; p=MIIB');
    Object.keys(FORMATS).forEach((format, i) => {
      expect({ format, stdout: results[i]?.stdout }).toEqual({ format, stdout: reference?.stdout });
      expect({ format, exit: results[i]?.exitCode }).toEqual({ format, exit: reference?.exitCode });
      expect({ format, stderr: results[i]?.stderr.includes("Error") }).toEqual({ format, stderr: false });
    });
  });
});
