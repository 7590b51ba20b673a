/**
 * Which zone each planned record belongs to. Records name their zone by an id (Route 53
 * `zone_id`, Cloudflare `zone_id`, Google `managed_zone`) that is often unknown until apply when
 * the zone is created in the same plan; the configuration's references then say which zone
 * resource it is. Zones come from the plan's zone resources and from data sources in `prior_state`.
 */
import { normalizeName } from "../../dns/types.js";
import {
  configurationReferences,
  isGoneAfterApply,
  type Json,
  priorStateResources,
  type ResourceChange,
  stringField,
  withoutInstanceKeys,
} from "./plan-json.js";
import type { PlannedRecord, Provider } from "./record-resources.js";

/** Zone resource (and data source) types: their name and id attributes. */
const ZONE_TYPES: Record<string, { provider: Provider; names: string[]; ids: string[] }> = {
  aws_route53_zone: { provider: "route53", names: ["name"], ids: ["zone_id", "id"] },
  // Provider 4 names the zone `zone`, provider 5 `name`; the data source has `zone_id`.
  cloudflare_zone: { provider: "cloudflare", names: ["zone", "name"], ids: ["id", "zone_id"] },
  // Records refer to a managed zone by its resource `name`, not its DNS name.
  google_dns_managed_zone: { provider: "google", names: ["dns_name"], ids: ["name", "id"] },
  azurerm_dns_zone: { provider: "azure", names: ["name"], ids: [] },
};

export function isZoneResourceType(type: string): boolean {
  return type in ZONE_TYPES;
}

export class PlanZones {
  readonly #byId = new Map<string, string>();
  readonly #byAddress = new Map<string, Set<string>>();
  readonly #references: Map<string, Map<string, string[]>>;

  constructor(plan: Json, changes: ResourceChange[]) {
    this.#references = configurationReferences(plan);
    for (const change of changes) {
      if (isGoneAfterApply(change) && change.mode === "managed") continue;
      this.#add(change.type, change.address, change.after);
    }
    for (const resource of priorStateResources(plan))
      this.#add(resource.type, resource.address, resource.values);
  }

  #add(type: string, address: string, values: Json): void {
    const spec = ZONE_TYPES[type];
    if (!spec) return;
    const raw = spec.names.map((f) => stringField(values, f)).find((v) => v !== undefined && v !== "");
    if (raw === undefined) return;
    const name = normalizeName(raw);
    for (const field of spec.ids) {
      const id = stringField(values, field);
      if (id) this.#byId.set(`${spec.provider}:${id}`, name);
    }
    const key = withoutInstanceKeys(address);
    const names = this.#byAddress.get(key) ?? new Set<string>();
    names.add(name);
    this.#byAddress.set(key, names);
  }

  /**
   * The zone of a planned record: the name it states, its zone id, the zone resource its
   * configuration refers to, or `fallback` (`--zone-origin`). Undefined when none says.
   */
  zoneOf(record: PlannedRecord, change: ResourceChange, fallback: string | undefined): string | undefined {
    if (record.zoneName) return normalizeName(record.zoneName);
    if (record.zoneId) {
      const byId = this.#byId.get(`${record.provider}:${record.zoneId}`);
      if (byId) return byId;
    }
    if (record.zoneField) {
      const refs = this.#references.get(withoutInstanceKeys(change.address))?.get(record.zoneField) ?? [];
      for (const ref of refs) {
        // "aws_route53_zone.main.zone_id" → the resource "aws_route53_zone.main" (data sources keep "data.").
        const parts = ref.split(".");
        const typeAt = parts.findIndex((p) => p in ZONE_TYPES);
        if (typeAt === -1) continue;
        const resource = parts.slice(0, typeAt + 2).join(".");
        const names = this.#byAddress.get(resource);
        if (names?.size === 1) return [...names][0];
      }
    }
    return fallback === undefined ? undefined : normalizeName(fallback);
  }
}
