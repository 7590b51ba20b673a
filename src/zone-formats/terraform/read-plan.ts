/**
 * A Terraform plan as `terraform show -json <plan>` prints it → the zones it will leave behind.
 * Records being deleted are absent; created, updated and unchanged ones have their planned values.
 * A record whose values are unknown until apply (or held by the provider: an alias) cannot be
 * checked: its zone holds it without data, so questions about it get no verdict and the audit
 * names it (rule dns/not-checked). One whose name is unknown may be anywhere in its zone; one
 * whose zone is unknown, in any zone of the plan. Resource types that are not DNS records are
 * listed once, as skipped.
 */
import type { UncheckedRecord } from "../../dns/types.js";
import type { Zone, ZoneRecord } from "../../dns/zone-records.js";
import { ZoneInputError } from "../input-error.js";
import { lineOfJsonPath } from "../json-input.js";
import type { ZoneInputNotice } from "../types.js";
import { isGoneAfterApply, isUnknown, type Json, type ResourceChange, resourceChanges } from "./plan-json.js";
import { type PlannedRecord, RECORD_RESOURCES } from "./record-resources.js";
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
  const byOrigin = new Map<string, { records: ZoneRecord[]; unchecked: UncheckedRecord[] }>();
  const zoneAt = (origin: string) => {
    const zone = byOrigin.get(origin) ?? { records: [], unchecked: [] };
    byOrigin.set(origin, zone);
    return zone;
  };
  /** Records known only after apply whose zone the plan does not say: any of its zones. */
  const anyZone: Array<{ address: string; record: UncheckedRecord }> = [];
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
    const fail = (reason: string): never => {
      throw new ZoneInputError(source, change.address, reason);
    };
    if (unknown.length > 0) {
      const placed = uncheckedRecord(
        planned,
        change.address,
        unknown,
        zones.zoneOf(planned, change, options.origin),
        options,
      );
      if (placed.origin === undefined) anyZone.push({ address: change.address, record: placed.record });
      else zoneAt(placed.origin).unchecked.push(placed.record);
      continue;
    }
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
        zoneAt(origin as string).unchecked.push({
          name: owner,
          type: planned.type,
          source: `${source}: ${change.address}`,
          reason: records.problem,
          kind: "after-apply",
        });
        continue;
      }
      return fail(records.problem);
    }
    zoneAt(origin as string).records.push(...records);
  }
  if (anyZone.length > 0) {
    // Nowhere to put them: still said, on stderr, so they are not silently dropped.
    if (byOrigin.size === 0) notices.push(...anyZone.map((r) => unplacedNotice(source, r.address, r.record)));
    for (const zone of byOrigin.values()) zone.unchecked.push(...anyZone.map((r) => r.record));
  }
  if (skipped.size > 0) notices.push(skippedTypesNotice(source, skipped));
  const planZones = [...byOrigin].map(([origin, zone]) => ({
    origin,
    records: zone.records,
    source,
    ...(zone.unchecked.length > 0 ? { unchecked: zone.unchecked } : {}),
  }));
  return { zones: planZones, notices };
}

/** Fields that say where a record is: unknown, the record may be at any name (or in any zone). */
const PLACEMENT_FIELDS = new Set(["name", "type", "zone_name"]);

/**
 * A record whose planned values are partly unknown: where it is, as far as the plan knows. Its
 * name is given only when the plan knows its name, type and zone; otherwise it may be anywhere in
 * `origin` (or, without one, in any zone of the plan).
 */
function uncheckedRecord(
  planned: PlannedRecord,
  address: string,
  unknown: string[],
  origin: string | undefined,
  options: { source: string },
): { record: UncheckedRecord; origin: string | undefined } {
  const record: UncheckedRecord = {
    source: `${options.source}: ${address}`,
    reason: `${unknown.join(", ")} known only after apply`,
    kind: "after-apply",
  };
  if (origin === undefined || unknown.some((field) => PLACEMENT_FIELDS.has(field))) return { record, origin };
  const owner = planned.owner(origin);
  // A known name outside the zone is the plan's own error, reported when the values are known.
  if (typeof owner !== "string") return { record, origin };
  return { record: { name: owner, type: planned.type, ...record }, origin };
}

function unplacedNotice(source: string, address: string, record: UncheckedRecord): ZoneInputNotice {
  return {
    source,
    address,
    kind: "unknown-value",
    reason: `${record.reason}, and no zone in the plan to place it in: not checked`,
  };
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
