/** `--zone` with the new formats through the built CLI: notes said once, errors one line with exit 2. */
import { execFileSync } from "node:child_process";
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FixtureServer, startFixtureServer } from "../helpers/dns-server.js";
import { FIXTURES_DIR } from "../helpers/fixtures.js";
import { runCli } from "../helpers/run-cli.js";
import { planJson, route53Change, route53Zone } from "../helpers/terraform-plan.js";

const DIR = join(FIXTURES_DIR, "zone-formats");
let empty: FixtureServer;
beforeAll(async () => {
  empty = await startFixtureServer({ zones: [] });
});
afterAll(async () => {
  await empty.close();
});

const plan = planJson;
const r53 = route53Change;

describe("--zone with octoDNS, DNSControl and Terraform inputs", () => {
  it("reads a plan from a pipe and names skipped types once (records known only after apply are findings)", async () => {
    const input = plan([
      route53Zone("pipe.example"),
      r53("spf", { name: "pipe.example", type: "TXT", records: ["v=spf1 -all"] }),
      r53("ses", { name: "_amazonses.pipe.example", type: "TXT" }, { records: true }),
      {
        address: "aws_instance.web",
        mode: "managed",
        type: "aws_instance",
        name: "web",
        change: { actions: ["create"], after: {} },
      },
    ]);
    // As `--zone <(terraform show -json plan.tfplan)` hands it over: a pipe, readable once.
    const dir = mkdtempSync(join(tmpdir(), "mailaudit-zone-fifo-"));
    const fifo = join(dir, "plan.json");
    execFileSync("mkfifo", [fifo]);
    const writer = createWriteStream(fifo);
    writer.end(input);
    const result = await runCli(["check", "pipe.example", "--zone", fifo, "-r", empty.address, "-f", "json"]);
    rmSync(dir, { recursive: true, force: true });
    const notes = result.stderr.split("\n").filter((line) => line.startsWith("mailaudit: note: "));
    // The record known only after apply is the zone's (dns/not-checked, test/zone-formats/not-checked.test.ts).
    expect(notes).toEqual([
      `mailaudit: note: ${fifo}: aws_instance: 1 resource of type holding no DNS records mailaudit reads, skipped (aws_instance ×1)`,
    ]);
    const doc = JSON.parse(result.stdout) as { domains: Array<{ spf: { record: string } }> };
    expect(doc.domains[0]?.spf.record).toBe("v=spf1 -all");
  });

  it.each([
    [
      "octoDNS",
      "bad.example.yaml",
      "'':\n  type: MX\n  value:\n    exchange: mx.example.net.\n",
      'bad.example.yaml:4: MX record "": MX has no preference',
    ],
    [
      "Terraform",
      "plan.json",
      plan([r53("x", { name: "a.example", type: "TXT", records: ["v=spf1 -all"] })]),
      "plan.json: aws_route53_record.x: cannot tell which zone",
    ],
    ["JSON of neither kind", "other.json", '{"hello": 1}', "other.json: JSON that is neither"],
  ])("refuses a bad %s input in one line, exit 2", async (_name, file, text, expected) => {
    const dir = mkdtempSync(join(tmpdir(), "mailaudit-zone-cli-"));
    try {
      writeFileSync(join(dir, file), text);
      const result = await runCli(["check", "a.example", "--zone", join(dir, file), "-r", empty.address]);
      expect(result.exitCode).toBe(2);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr).toContain(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("--zone-origin names the zone an octoDNS file name or a plan does not", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mailaudit-zone-origin-"));
    try {
      writeFileSync(join(dir, "records.yaml"), "'':\n  type: TXT\n  value: v=spf1 -all\n");
      writeFileSync(
        join(dir, "plan.json"),
        plan([r53("spf", { name: "", type: "TXT", records: ["v=spf1 ~all"], zone_id: "Zunknown" })]),
      );
      const octo = await runCli([
        "check",
        "origin.example",
        "--zone",
        join(dir, "records.yaml"),
        "--zone-origin",
        "Origin.Example.",
        "--offline",
        "-f",
        "json",
      ]);
      const tf = await runCli([
        "check",
        "origin.example",
        "--zone",
        join(dir, "plan.json"),
        "--zone-origin",
        "origin.example",
        "--offline",
        "-f",
        "json",
      ]);
      const spf = (stdout: string) =>
        (JSON.parse(stdout) as { domains: Array<{ spf: { record: string } }> }).domains[0]?.spf.record;
      expect(spf(octo.stdout)).toBe("v=spf1 -all");
      expect(spf(tf.stdout)).toBe("v=spf1 ~all");
      const without = await runCli([
        "check",
        "origin.example",
        "--zone",
        join(dir, "records.yaml"),
        "--offline",
      ]);
      expect(without.exitCode).toBe(2);
      expect(without.stderr).toContain("--zone-origin");
      const bad = await runCli([
        "check",
        "origin.example",
        "--zone",
        join(dir, "records.yaml"),
        "--zone-origin",
        "not a name",
        "--offline",
      ]);
      expect(bad.exitCode).toBe(2);
      expect(bad.stderr).toContain('--zone-origin "not a name"');
      const alone = await runCli([
        "check",
        "origin.example",
        "--zone-origin",
        "origin.example",
        "-r",
        empty.address,
      ]);
      expect(alone.exitCode).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("points SARIF findings at the input that serves the domain, whatever its format", async () => {
    const result = await runCli([
      "check",
      "equal.example",
      "--zone",
      join(DIR, "equal.example.yaml"),
      "-s",
      "missing",
      "-r",
      empty.address,
      "-f",
      "sarif",
    ]);
    const sarif = JSON.parse(result.stdout) as {
      runs: Array<{
        results: Array<{
          ruleId: string;
          locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }>;
        }>;
      }>;
    };
    const dkim = sarif.runs[0]?.results.find((r) => r.ruleId === "dkim/missing");
    expect(dkim?.locations.map((l) => l.physicalLocation.artifactLocation.uri).join(" ")).toContain(
      "equal.example.yaml",
    );
    expect(readFileSync(join(DIR, "equal.example.yaml"), "utf8")).toContain("s1._domainkey");
  });
});
