/**
 * A Terraform plan as `terraform show -json <plan>` prints it → the zones it will leave behind.
 * Records being deleted are absent; created, updated and unchanged ones have their planned values.
 * A record whose values are unknown until apply cannot be checked: it is left out and named in a
 * notice. Resource types that are not DNS records are listed once, as skipped.
 */
import type { Zone, ZoneRecord } from "../../dns/zone-records.js";
import { ZoneInputError } from "../input-error.js";
import { lineOfJsonPath } from "../json-input.js";
import type { ZoneInputNotice } from "../types.js";
import { isGoneAfterApply, isUnknown, type Json, type ResourceChange, resourceChanges } from "./plan-json.js";
import { RECORD_RESOURCES } from "./record-resources.js";
import { isZoneResourceType, PlanZones } from "./zone-names.js";

export function readTerraformPlan(
  plan: Json,
  text: string,
  options: { source: string; origin?: string },
): { zones: Zone[]; notices: ZoneInputNotice[] } {
  const { source } = options;
  const major = String(plan.format_version).split(".")[0];
  if (major !== "0" && major !== "1") {
    throw new ZoneInputError(
      source,
      undefined,
      `Terraform JSON format_version ${String(plan.format_version)} is not supported (1.x is)`,
    );
  }
  // A state (terraform show -json without a plan file) has `values`; a plan without resources may
  // leave resource_changes out.
  if (plan.resource_changes === undefined && plan.values !== undefined && plan.planned_values === undefined) {
    throw new ZoneInputError(
      source,
      undefined,
      "a Terraform state, not a plan: run `terraform show -json <planfile>` on the file `terraform plan -out` wrote",
    );
  }
  const changes: ResourceChange[] = [];
  for (const entry of resourceChanges(plan)) {
    if ("problem" in entry) {
      throw new ZoneInputError(
        source,
        lineOfJsonPath(text, ["resource_changes", entry.index]),
        entry.problem,
      );
    }
    changes.push(entry);
  }
  const zones = new PlanZones(plan, changes);
  const byOrigin = new Map<string, ZoneRecord[]>();
  const notices: ZoneInputNotice[] = [];
  const skipped = new Map<string, number>();

  for (const change of changes) {
    if (change.mode !== "managed" || isZoneResourceType(change.type)) continue;
    const read = RECORD_RESOURCES[change.type];
    if (!read) {
      skipped.set(change.type, (skipped.get(change.type) ?? 0) + 1);
      continue;
    }
    if (isGoneAfterApply(change)) continue;
    const planned = read(change.after, change.afterUnknown);
    const unknown = planned.needs.filter((field) => isUnknown(change, field));
    if (unknown.length > 0) {
      notices.push({
        source,
        address: change.address,
        kind: "unknown-value",
        reason: `${unknown.join(", ")} known only after apply: not checked`,
      });
      continue;
    }
    const fail = (reason: string): never => {
      throw new ZoneInputError(source, change.address, reason);
    };
    const origin = zones.zoneOf(planned, change, options.origin);
    if (origin === undefined) {
      fail(
        "cannot tell which zone this record is in (no zone resource or data source in the plan names it): give --zone-origin",
      );
    }
    const owner = planned.owner(origin as string);
    if (typeof owner !== "string") return fail(owner.problem);
    const records = planned.records(owner);
    if (!Array.isArray(records)) {
      if (records.problem.startsWith("an alias") || records.problem.startsWith("a routing-policy")) {
        notices.push({
          source,
          address: change.address,
          kind: "unknown-value",
          reason: `${records.problem}: not checked`,
        });
        continue;
      }
      return fail(records.problem);
    }
    const list = byOrigin.get(origin as string) ?? [];
    list.push(...records);
    byOrigin.set(origin as string, list);
  }
  if (skipped.size > 0) notices.push(skippedTypesNotice(source, skipped));
  const planZones = [...byOrigin].map(([origin, records]) => ({ origin, records, source }));
  return { zones: planZones, notices };
}

/** Every resource type not read, in one notice: a plan of a whole estate holds many. */
function skippedTypesNotice(source: string, skipped: Map<string, number>): ZoneInputNotice {
  const types = [...skipped].sort(([a], [b]) => a.localeCompare(b));
  const total = types.reduce((sum, [, count]) => sum + count, 0);
  return {
    source,
    address: types.map(([type]) => type).join(", "),
    kind: "skipped-type",
    reason: `${total} resource${total === 1 ? "" : "s"} of type${types.length === 1 ? "" : "s"} holding no DNS records mailaudit reads, skipped (${types.map(([type, count]) => `${type} ×${count}`).join(", ")})`,
  };
}
