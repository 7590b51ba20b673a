/** Terraform plans in the shape `terraform show -json <planfile>` prints, for `--zone` tests through the CLI. */

/** A plan document holding these resource changes. */
export function planJson(changes: unknown[]): string {
  return JSON.stringify({ format_version: "1.2", terraform_version: "1.9.8", resource_changes: changes });
}

/** An `aws_route53_record` being created in zone Z1; `afterUnknown` marks values known only after apply. */
export function route53Change(
  name: string,
  after: Record<string, unknown>,
  afterUnknown: Record<string, unknown> = {},
) {
  return {
    address: `aws_route53_record.${name}`,
    mode: "managed",
    type: "aws_route53_record",
    name,
    change: {
      actions: ["create"],
      after: { ttl: 300, zone_id: "Z1", ...after },
      after_unknown: afterUnknown,
    },
  };
}

/** The `aws_route53_zone` Z1 those records name, unchanged by the plan. */
export function route53Zone(name: string) {
  return {
    address: "aws_route53_zone.z",
    mode: "managed",
    type: "aws_route53_zone",
    name: "z",
    change: { actions: ["no-op"], after: { name, zone_id: "Z1" } },
  };
}
