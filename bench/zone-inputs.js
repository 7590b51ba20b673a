/**
 * `--zone` readers: a 10,000-record octoDNS zone and a 5,000-resource Terraform plan (Route 53, the
 * zone created in the same plan, as `terraform show -json` prints it: resource_changes,
 * planned_values and configuration), each read and indexed (ZoneSet) in-process from the built
 * dist/. The first (cold) read and the median of the next runs are reported; the goal is ≤ 1 s each.
 */
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { median } from "./measure.js";

const DIST = join(import.meta.dirname, "..", "dist", "src");

export function octoDnsZone(records) {
  const lines = ["---", "'':", "  - type: TXT", "    value: v=spf1 include:_spf.bench.example -all"];
  lines.push("  - type: MX", "    values:", "      - exchange: mx1.bench.example.", "        preference: 10");
  lines.push("_dmarc:", "  type: TXT", "  value: v=DMARC1\\; p=reject\\; rua=mailto:d@bench.example");
  for (let i = 0; i < records - 3; i++) {
    if (i % 4 === 0) lines.push(`host${i}:`, "  type: A", `  value: 192.0.2.${i % 250}`);
    else if (i % 4 === 1)
      lines.push(`s${i}._domainkey:`, "  type: TXT", `  value: v=DKIM1\\; k=rsa\\; p=${"K".repeat(392)}`);
    else if (i % 4 === 2) lines.push(`alias${i}:`, "  type: CNAME", `  value: host${i - 2}.bench.example.`);
    else
      lines.push(
        `mx${i}:`,
        "  type: MX",
        "  value:",
        `    exchange: mx${i}.bench.example.`,
        "    preference: 10",
      );
  }
  return `${lines.join("\n")}\n`;
}

export function terraformPlan(resources) {
  const zone = {
    address: "aws_route53_zone.bench",
    mode: "managed",
    type: "aws_route53_zone",
    name: "bench",
    provider_name: "registry.terraform.io/hashicorp/aws",
    change: {
      actions: ["create"],
      before: null,
      after: { name: "bench.example" },
      after_unknown: { zone_id: true, id: true },
    },
  };
  const changes = [zone];
  const planned = [];
  const configured = [
    {
      address: "aws_route53_zone.bench",
      mode: "managed",
      type: "aws_route53_zone",
      name: "bench",
      expressions: { name: { constant_value: "bench.example" } },
    },
  ];
  for (let i = 0; i < resources; i++) {
    const txt = i % 2 === 0;
    const after = {
      name: txt ? `s${i}._domainkey` : `host${i}`,
      type: txt ? "TXT" : "A",
      ttl: 300,
      records: txt ? [`v=DKIM1; k=rsa; p=${"K".repeat(230)}""${"K".repeat(162)}`] : [`192.0.2.${i % 250}`],
      alias: [],
      set_identifier: null,
      health_check_id: null,
    };
    const address = `aws_route53_record.r[${i}]`;
    changes.push({
      address,
      mode: "managed",
      type: "aws_route53_record",
      name: "r",
      index: i,
      provider_name: "registry.terraform.io/hashicorp/aws",
      change: {
        actions: ["create"],
        before: null,
        after,
        after_unknown: { id: true, fqdn: true, zone_id: true, records: [false], alias: [] },
        before_sensitive: false,
        after_sensitive: { records: [false] },
      },
    });
    planned.push({
      address,
      mode: "managed",
      type: "aws_route53_record",
      name: "r",
      index: i,
      values: after,
      sensitive_values: { records: [false] },
    });
  }
  configured.push({
    address: "aws_route53_record.r",
    mode: "managed",
    type: "aws_route53_record",
    name: "r",
    expressions: { zone_id: { references: ["aws_route53_zone.bench.zone_id", "aws_route53_zone.bench"] } },
    count_expression: { constant_value: resources },
  });
  return JSON.stringify(
    {
      format_version: "1.2",
      terraform_version: "1.9.8",
      planned_values: { root_module: { resources: planned } },
      resource_changes: changes,
      configuration: { root_module: { resources: configured } },
    },
    null,
    2,
  );
}

/** @param {{ dir: string, runs?: number }} options */
export async function benchZoneInputs({ dir, runs = 5 }) {
  const { readZoneInputFile } = await import(
    pathToFileURL(join(DIST, "zone-formats", "read-zone-input.js")).href
  );
  const { ZoneSet } = await import(pathToFileURL(join(DIST, "dns", "zone-records.js")).href);
  const inputs = {
    octodns: {
      file: join(dir, "bench.example.yaml"),
      text: octoDnsZone(10_000),
      label: "octoDNS zone, 10,000 records",
    },
    terraform: {
      file: join(dir, "plan.json"),
      text: terraformPlan(5_000),
      label: "Terraform plan, 5,000 resources",
    },
  };
  const results = {};
  for (const [key, input] of Object.entries(inputs)) {
    writeFileSync(input.file, input.text);
    const times = [];
    const cpu = [];
    let records = 0;
    for (let i = 0; i <= runs; i++) {
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      const zones = readZoneInputFile(input.file).zones;
      new ZoneSet(zones);
      times.push(performance.now() - started);
      const used = process.cpuUsage(cpuBefore);
      cpu.push((used.user + used.system) / 1000);
      records = zones.reduce((n, z) => n + z.records.length, 0);
    }
    results[key] = {
      label: input.label,
      bytes: Buffer.byteLength(input.text),
      records,
      coldMs: times[0],
      medianMs: median(times.slice(1)),
      // On a shared machine wall time mostly measures the queue for a core; CPU time says what it costs.
      medianCpuMs: median(cpu.slice(1)),
      loadAverage: loadavg()[0],
    };
  }
  return results;
}
