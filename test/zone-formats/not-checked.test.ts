/**
 * Records a `--zone` input holds without their data, through the built CLI: a Terraform value known
 * only after apply and an octoDNS record marked `ignored: true` are neither missing nor a pass. They
 * reach every output format as a per-domain notice (dns/not-checked), the checks that need them give
 * no verdict, and they do not make the run inconclusive.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseZoneFile } from "../../src/dns/zone-file.js";
import { type FixtureServer, startFixtureServer } from "../helpers/dns-server.js";
import { runCli } from "../helpers/run-cli.js";
import { planJson, route53Change, route53Zone } from "../helpers/terraform-plan.js";

interface JsonReport {
  domains: Array<{
    status: string;
    dkim?: Array<{ selector: string; status: string }>;
    dmarc?: { record: string | null };
    lookupFailures: unknown[];
    notChecked?: Array<{ name?: string; type?: string; source: string; reason: string; kind: string }>;
    findings: Array<{ rule: string; messageId: string; severity: string; data: Record<string, unknown> }>;
  }>;
  exitCode: number;
}

const DMARC = "v=DMARC1; p=reject; rua=mailto:dmarc@plan.example";
/** A plan whose DKIM key for `s1` is created from another resource: `(known after apply)`. */
const PLAN = planJson([
  route53Zone("plan.example"),
  route53Change("spf", { name: "plan.example", type: "TXT", records: ["v=spf1 -all"] }),
  route53Change("dmarc", { name: "_dmarc", type: "TXT", records: [DMARC] }),
  route53Change("dkim", { name: "s1._domainkey", type: "TXT" }, { records: true }),
]);
const OCTODNS = `'':
  type: TXT
  value: v=spf1 -all
_dmarc:
  type: TXT
  octodns:
    ignored: true
  value: v=DMARC1\\; p=none
`;

let dir: string;
let live: FixtureServer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mailaudit-not-checked-"));
  writeFileSync(join(dir, "plan.json"), PLAN);
  writeFileSync(join(dir, "ignored.example.yaml"), OCTODNS);
  // What DNS publishes today at the record octoDNS leaves alone.
  live = await startFixtureServer({
    zones: [
      parseZoneFile(
        '$ORIGIN ignored.example.\n_dmarc TXT "v=DMARC1; p=reject; rua=mailto:d@ignored.example"\n',
      ),
    ],
  });
});
afterAll(async () => {
  await live.close();
  rmSync(dir, { recursive: true, force: true });
});

const check = (args: string[]) => runCli(["check", ...args]);
/** Domain, selector and the plan, offline: what a plan job runs. */
const planArgs = () => ["plan.example", "-s", "s1", "--zone", join(dir, "plan.json"), "--offline"];

describe("a Terraform record known only after apply", () => {
  it("is neither missing nor a pass: the selector is not-checked, one notice names it, exit 0", async () => {
    const result = await check([...planArgs(), "-f", "json"]);
    const [domain] = (JSON.parse(result.stdout) as JsonReport).domains;
    expect(domain?.dkim).toEqual([expect.objectContaining({ selector: "s1", status: "not-checked" })]);
    expect(domain?.findings.map((f) => f.rule)).not.toContain("dkim/missing");
    expect(domain?.notChecked).toEqual([
      {
        name: "s1._domainkey.plan.example",
        type: "TXT",
        source: `${join(dir, "plan.json")}: aws_route53_record.dkim`,
        reason: "records known only after apply",
        kind: "after-apply",
      },
    ]);
    const notices = domain?.findings.filter((f) => f.rule === "dns/not-checked");
    expect(notices).toEqual([
      expect.objectContaining({
        messageId: "afterApply",
        severity: "notice",
        data: {
          count: 1,
          name: `s1._domainkey.plan.example TXT (${join(dir, "plan.json")}: aws_route53_record.dkim: records known only after apply)`,
        },
      }),
    ]);
    // Not a DNS failure: nothing to retry, so not inconclusive (exit 3).
    expect(domain?.lookupFailures).toEqual([]);
    expect(domain?.status).toBe("pass");
    expect(result.exitCode).toBe(0);
  });

  it("reaches SARIF and the table, and fails the run when the user asks for notices to", async () => {
    const args = planArgs();
    const sarif = await check([...args, "-f", "sarif"]);
    const results = (
      JSON.parse(sarif.stdout) as { runs: Array<{ results: Array<{ ruleId: string; level: string }> }> }
    ).runs[0]?.results;
    expect(results?.filter((r) => r.ruleId === "dns/not-checked").map((r) => r.level)).toEqual(["note"]);
    const table = await check([...args, "--no-color"]);
    // Lines wrap at the terminal's width: read the words, not the layout.
    const words = table.stdout.replace(/[\s│]+/g, " ");
    expect(words).toMatch(/DKIM s1 — not checked \(dns\/not-checked\)/);
    expect(words).toMatch(/notice dns\/not-checked 1 record\(s\) .* s1\._domainkey\.plan\.example TXT/);
    expect(table.stdout).not.toContain("dkim/missing");
    expect((await check([...args, "--fail-on", "notice", "-f", "json"])).exitCode).toBe(1);
  });

  it("refuses to become a baseline: a snapshot would record the key as unknown", async () => {
    const result = await runCli(["snapshot", ...planArgs()]);
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain("1 record(s) not checked");
  });
});

describe("an octoDNS record marked octodns: { ignored: true }", () => {
  it("offline: not served from the file (octoDNS does not manage it), listed as left as published", async () => {
    const result = await check([
      "ignored.example",
      "--zone",
      join(dir, "ignored.example.yaml"),
      "--offline",
      "-f",
      "json",
    ]);
    const [domain] = (JSON.parse(result.stdout) as JsonReport).domains;
    // The file's p=none is not what DNS will serve: octoDNS leaves _dmarc as it is published.
    expect(domain?.dmarc?.record ?? null).toBeNull();
    const rules = domain?.findings.map((f) => `${f.rule} ${f.messageId}`);
    expect(rules).toContain("dns/not-checked leftAsPublished");
    expect(rules?.some((r) => r.startsWith("dmarc/missing") || r.startsWith("dmarc/policy-none"))).toBe(
      false,
    );
    expect(domain?.notChecked?.map((r) => [r.name, r.source])).toEqual([
      ["_dmarc.ignored.example", `${join(dir, "ignored.example.yaml")}:4`],
    ]);
  });

  it("online: the record is what DNS serves now, since that is what stays", async () => {
    const result = await check([
      "ignored.example",
      "--zone",
      join(dir, "ignored.example.yaml"),
      "-r",
      live.address,
      "-f",
      "json",
    ]);
    const [domain] = (JSON.parse(result.stdout) as JsonReport).domains;
    expect(domain?.dmarc?.record).toBe("v=DMARC1; p=reject; rua=mailto:d@ignored.example");
    expect(domain?.notChecked).toBeUndefined();
    expect(domain?.findings.map((f) => f.rule)).not.toContain("dns/not-checked");
  });
});
