/**
 * A zone input (octoDNS YAML, DNSControl IR, Terraform plan) that cannot be used: it names the file
 * and where in it — a line, or a Terraform resource address — so a CI log points at the mistake.
 */
export class ZoneInputError extends Error {
  constructor(
    readonly source: string,
    /** `12` (a line) or `aws_route53_record.spf` (a resource address); absent for the whole file. */
    readonly where: number | string | undefined,
    readonly reason: string,
  ) {
    super(
      where === undefined
        ? `${source}: ${reason}`
        : typeof where === "number"
          ? `${source}:${where}: ${reason}`
          : `${source}: ${where}: ${reason}`,
    );
    this.name = "ZoneInputError";
  }
}
