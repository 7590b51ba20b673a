import { describe, expect, it } from "vitest";
import { ZoneInputError } from "../../src/zone-formats/input-error.js";
import { parseZoneInput } from "../../src/zone-formats/read-zone-input.js";

type Change = {
  address: string;
  type: string;
  actions?: string[];
  after?: unknown;
  unknown?: unknown;
  module?: string;
};

/** A plan in the shape `terraform show -json` prints, holding these resource changes. */
function plan(changes: Change[], extra: Record<string, unknown> = {}) {
  return {
    format_version: "1.2",
    terraform_version: "1.9.8",
    resource_changes: changes.map((c) => ({
      address: c.address,
      ...(c.module ? { module_address: c.module } : {}),
      mode: "managed",
      type: c.type,
      name: c.address.split(".").at(-1),
      change: {
        actions: c.actions ?? ["create"],
        before: null,
        after: c.after ?? null,
        after_unknown: c.unknown ?? {},
      },
    })),
    ...extra,
  };
}
const read = (p: unknown, origin?: string) =>
  parseZoneInput(Buffer.from(JSON.stringify(p, null, 2)), {
    source: "plan.json",
    ...(origin ? { origin } : {}),
  });
const zone = {
  address: "aws_route53_zone.main",
  type: "aws_route53_zone",
  after: { name: "example.com", zone_id: "Z1" },
};
const r53 = (name: string, after: Record<string, unknown>, rest: Partial<Change> = {}): Change => ({
  address: `aws_route53_record.${name}`,
  type: "aws_route53_record",
  after: { zone_id: "Z1", ttl: 300, ...after },
  ...rest,
});
const failure = (p: unknown, origin?: string) => {
  try {
    read(p, origin);
  } catch (error) {
    if (error instanceof ZoneInputError) return error;
    throw error;
  }
  throw new Error("expected a ZoneInputError");
};

describe("Terraform plans: aws_route53_record", () => {
  it('wraps TXT values in quotes as the provider does: \\"\\" splits a string, \\ddd is octal', () => {
    const records = read(
      plan([
        zone,
        r53("dkim", {
          name: "k._domainkey",
          type: "TXT",
          records: ['v=DKIM1; p=AAA""BBB', 'caf\\303\\251 \\"q\\"'],
        }),
      ]),
    ).zones[0]?.records;
    expect(records).toEqual([
      { name: "k._domainkey.example.com", ttl: 300, type: "TXT", data: ["v=DKIM1; p=AAA", "BBB"] },
      { name: "k._domainkey.example.com", ttl: 300, type: "TXT", data: ['caf\u00c3\u00a9 "q"'] },
    ]);
  });

  it("refuses a TXT string over 255 octets, naming the resource (Route 53 would refuse it at apply)", () => {
    const error = failure(
      plan([
        zone,
        r53("dkim", { name: "k._domainkey.example.com", type: "TXT", records: ["x".repeat(256)] }),
      ]),
    );
    expect(error.where).toBe("aws_route53_record.dkim");
    expect(error.message).toContain("255");
  });

  it("leaves out records being deleted and uses the planned values of updates and replacements", () => {
    const zones = read(
      plan([
        zone,
        r53(
          "gone",
          { name: "old", type: "TXT", records: ["v=spf1 -all"] },
          { actions: ["delete"], after: null },
        ),
        r53(
          "spf",
          { name: "example.com", type: "TXT", records: ["v=spf1 include:new.example -all"] },
          { actions: ["update"] },
        ),
        r53(
          "mx",
          { name: "", type: "MX", records: ["10 mx.example.net."] },
          { actions: ["delete", "create"] },
        ),
        r53("same", { name: "www", type: "CNAME", records: ["example.com"] }, { actions: ["no-op"] }),
      ]),
    ).zones;
    expect(zones).toHaveLength(1);
    expect(zones[0]?.records.map((r) => `${r.name} ${r.type} ${JSON.stringify(r.data)}`)).toEqual([
      'example.com TXT ["v=spf1 include:new.example -all"]',
      'example.com MX {"priority":10,"exchange":"mx.example.net"}',
      'www.example.com CNAME "example.com"',
    ]);
  });

  it("holds records known only after apply in their zone without data, and names skipped types once", () => {
    const input = read(
      plan([
        zone,
        r53("ses", { name: "_amazonses", type: "TXT" }, { unknown: { records: true } }),
        r53("ok", { name: "_dmarc", type: "TXT", records: ["v=DMARC1; p=none"] }),
        { address: "aws_instance.a", type: "aws_instance", after: {} },
        { address: "aws_instance.b", type: "aws_instance", after: {} },
        { address: "aws_s3_bucket.c", type: "aws_s3_bucket", after: {} },
      ]),
    );
    expect(input.zones[0]?.records.map((r) => r.name)).toEqual(["_dmarc.example.com"]);
    // Not a stderr note any more: the zone holds it, so the audit of the domain names it.
    expect(input.zones[0]?.unchecked).toEqual([
      {
        name: "_amazonses.example.com",
        type: "TXT",
        source: "plan.json: aws_route53_record.ses",
        reason: "records known only after apply",
        kind: "after-apply",
      },
    ]);
    expect(input.notices.map((n) => [n.kind, n.address])).toEqual([
      ["skipped-type", "aws_instance, aws_s3_bucket"],
    ]);
    expect(input.notices[0]?.reason).toContain("3 resources of types");
    expect(input.notices[0]?.reason).toContain("aws_instance ×2, aws_s3_bucket ×1");
  });

  it("places a record whose name is known only after apply in its zone, with no name (it may be anywhere)", () => {
    const input = read(
      plan([
        zone,
        r53("ses_dkim", { type: "CNAME" }, { unknown: { name: true, records: true } }),
        // zone_id unknown and no reference in the configuration: any zone of the plan.
        r53(
          "lost",
          { name: "x", type: "TXT", zone_id: undefined },
          { unknown: { zone_id: true, records: true } },
        ),
      ]),
    );
    expect(input.zones.map((z) => z.origin)).toEqual(["example.com"]);
    expect(input.zones[0]?.unchecked).toEqual([
      {
        source: "plan.json: aws_route53_record.ses_dkim",
        reason: "name, records known only after apply",
        kind: "after-apply",
      },
      {
        source: "plan.json: aws_route53_record.lost",
        reason: "records known only after apply",
        kind: "after-apply",
      },
    ]);
    expect(input.notices).toEqual([]);
  });

  it("an alias record's addresses are the provider's: held without data at its name and type", () => {
    const input = read(
      plan([zone, r53("apex", { name: "", type: "A", alias: [{ name: "lb.example.net", zone_id: "Z9" }] })]),
    );
    expect(input.zones[0]?.records).toEqual([]);
    expect(input.zones[0]?.unchecked).toEqual([
      {
        name: "example.com",
        type: "A",
        source: "plan.json: aws_route53_record.apex",
        reason: "an alias record: its addresses are not in the plan",
        kind: "after-apply",
      },
    ]);
  });

  it("a record known only after apply with no zone in the whole plan stays a note on stderr", () => {
    const input = read(
      plan([r53("x", { name: "a", type: "TXT", zone_id: "Z?" }, { unknown: { records: true } })]),
    );
    expect(input.zones).toEqual([]);
    expect(input.notices.map((n) => [n.kind, n.address, n.reason])).toEqual([
      [
        "unknown-value",
        "aws_route53_record.x",
        "records known only after apply, and no zone in the plan to place it in: not checked",
      ],
    ]);
  });

  it("finds the zone of a record whose zone_id is unknown through the configuration's references", () => {
    const p = plan(
      [
        {
          ...zone,
          address: "module.dns.aws_route53_zone.main",
          module: "module.dns",
          unknown: { zone_id: true },
          after: { name: "example.com" },
        },
        {
          ...r53(
            "spf",
            { name: "example.com", type: "TXT", records: ["v=spf1 -all"] },
            { unknown: { zone_id: true } },
          ),
          address: "module.dns.aws_route53_record.spf[0]",
          module: "module.dns",
        },
      ],
      {
        configuration: {
          root_module: {
            module_calls: {
              dns: {
                module: {
                  resources: [
                    {
                      address: "aws_route53_record.spf",
                      expressions: {
                        zone_id: { references: ["aws_route53_zone.main.zone_id", "aws_route53_zone.main"] },
                      },
                    },
                  ],
                },
              },
            },
          },
        },
      },
    );
    (p.resource_changes[1]?.change.after as Record<string, unknown>).zone_id = undefined;
    expect(read(p).zones[0]?.origin).toBe("example.com");
  });

  it("finds the zone from a data source in prior_state, else --zone-origin, else refuses naming the resource", () => {
    const record = r53("spf", { name: "example.com", type: "TXT", records: ["v=spf1 -all"], zone_id: "Z9" });
    const withData = plan([record], {
      prior_state: {
        values: {
          root_module: {
            resources: [
              {
                address: "data.aws_route53_zone.z",
                type: "aws_route53_zone",
                values: { name: "example.com.", zone_id: "Z9" },
              },
            ],
          },
        },
      },
    });
    expect(read(withData).zones[0]?.origin).toBe("example.com");
    expect(read(plan([record]), "example.com").zones[0]?.origin).toBe("example.com");
    const error = failure(plan([record]));
    expect(error.where).toBe("aws_route53_record.spf");
    expect(error.message).toContain("--zone-origin");
  });

  it("reads a plan that leaves resource_changes out (no resources) as no zones", () => {
    expect(read({ format_version: "1.2", terraform_version: "1.9.8", planned_values: {} }).zones).toEqual([]);
  });

  it("refuses other major format versions and state documents", () => {
    expect(failure({ ...plan([]), format_version: "2.0" }).message).toContain("format_version");
    expect(failure({ format_version: "1.0", terraform_version: "1.9.8", values: {} }).message).toContain(
      "not a plan",
    );
  });
});

describe("Terraform plans: Cloudflare, Google Cloud DNS, Azure DNS", () => {
  const cfZone = {
    address: "cloudflare_zone.z",
    type: "cloudflare_zone",
    after: { zone: "example.com", id: "abc" },
  };
  it("cloudflare_record (provider 4): relative names, value or content, quoted or plain TXT", () => {
    const records = read(
      plan([
        cfZone,
        {
          address: "cloudflare_record.a",
          type: "cloudflare_record",
          after: { zone_id: "abc", name: "@", type: "TXT", value: "v=spf1 -all" },
          unknown: { content: false, hostname: true },
        },
        {
          address: "cloudflare_record.b",
          type: "cloudflare_record",
          after: { zone_id: "abc", name: "k._domainkey", type: "TXT", content: '"v=DKIM1; " "p=AB"' },
        },
        {
          address: "cloudflare_record.c",
          type: "cloudflare_record",
          after: { zone_id: "abc", name: "example.com", type: "MX", content: "mx.example.net", priority: 5 },
        },
        {
          address: "cloudflare_record.d",
          type: "cloudflare_record",
          after: { zone_id: "abc", name: "long", type: "TXT", content: "x".repeat(300) },
        },
      ]),
    ).zones[0]?.records;
    expect(records?.map((r) => [r.name, r.data])).toEqual([
      ["example.com", ["v=spf1 -all"]],
      ["k._domainkey.example.com", ["v=DKIM1; ", "p=AB"]],
      ["example.com", { priority: 5, exchange: "mx.example.net" }],
      ["long.example.com", ["x".repeat(255), "x".repeat(45)]],
    ]);
  });

  it("google_dns_record_set: unquoted TXT words become separate strings, as the provider documents", () => {
    const records = read(
      plan([
        {
          address: "google_dns_managed_zone.z",
          type: "google_dns_managed_zone",
          after: { name: "prod", dns_name: "example.com." },
        },
        {
          address: "google_dns_record_set.spf",
          type: "google_dns_record_set",
          after: {
            managed_zone: "prod",
            name: "example.com.",
            type: "TXT",
            ttl: 300,
            rrdatas: ["v=spf1 -all", '"v=spf1 ip4:192.0.2.1 -all"'],
          },
        },
        {
          address: "google_dns_record_set.mx",
          type: "google_dns_record_set",
          after: {
            managed_zone: "prod",
            name: "example.com.",
            type: "MX",
            ttl: 300,
            rrdatas: ["10 mx.example.net."],
          },
        },
      ]),
    ).zones[0]?.records;
    expect(records?.map((r) => r.data)).toEqual([
      ["v=spf1", "-all"],
      ["v=spf1 ip4:192.0.2.1 -all"],
      { priority: 10, exchange: "mx.example.net" },
    ]);
  });

  it("azurerm_dns_*_record: zone_name places them; long TXT values are split at 255 octets", () => {
    const records = read(
      plan([
        {
          address: "azurerm_dns_txt_record.k",
          type: "azurerm_dns_txt_record",
          after: {
            zone_name: "example.com",
            name: "k._domainkey",
            ttl: 300,
            record: [{ value: "y".repeat(260) }],
          },
        },
        {
          address: "azurerm_dns_mx_record.mx",
          type: "azurerm_dns_mx_record",
          after: {
            zone_name: "example.com",
            name: "@",
            ttl: 300,
            record: [{ preference: "10", exchange: "mx.example.net" }],
          },
        },
        {
          address: "azurerm_dns_cname_record.w",
          type: "azurerm_dns_cname_record",
          after: { zone_name: "example.com", name: "www", ttl: 300, record: "example.net" },
        },
      ]),
    ).zones[0]?.records;
    expect(records?.map((r) => [r.name, r.type, r.data])).toEqual([
      ["k._domainkey.example.com", "TXT", ["y".repeat(255), "yyyyy"]],
      ["example.com", "MX", { priority: 10, exchange: "mx.example.net" }],
      ["www.example.com", "CNAME", "example.net"],
    ]);
  });
});
