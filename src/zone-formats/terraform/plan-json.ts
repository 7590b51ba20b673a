/**
 * The parts of `terraform show -json <plan>` we read (Terraform "JSON Output Format", plan
 * representation): `resource_changes[]` with `address`, `module_address`, `mode`, `type`, and
 * `change: { actions, after, after_unknown }`; `prior_state` for zones read by data sources; and
 * `configuration` for which zone resource a record's `zone_id` refers to.
 */
export type Json = Record<string, unknown>;

export interface ResourceChange {
  address: string;
  moduleAddress: string;
  mode: string;
  type: string;
  actions: string[];
  after: Json;
  afterUnknown: Json;
}

export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function looksLikeTerraformPlan(json: unknown): boolean {
  return (
    isObject(json) &&
    typeof json.format_version === "string" &&
    ("resource_changes" in json || "planned_values" in json || "terraform_version" in json)
  );
}

/** The resource changes, each with its index in `resource_changes` (for error lines). */
export function resourceChanges(plan: Json): Array<ResourceChange | { index: number; problem: string }> {
  const list = Array.isArray(plan.resource_changes) ? plan.resource_changes : [];
  return list.map((raw, index) => {
    if (
      !isObject(raw) ||
      typeof raw.address !== "string" ||
      typeof raw.type !== "string" ||
      !isObject(raw.change)
    ) {
      return { index, problem: "a resource change needs address, type and change" };
    }
    const change = raw.change;
    return {
      address: raw.address,
      moduleAddress: typeof raw.module_address === "string" ? raw.module_address : "",
      mode: typeof raw.mode === "string" ? raw.mode : "managed",
      type: raw.type,
      actions: Array.isArray(change.actions) ? change.actions.map(String) : [],
      after: isObject(change.after) ? change.after : {},
      afterUnknown: isObject(change.after_unknown) ? change.after_unknown : {},
    };
  });
}

/** A resource that will not exist after apply: deleted (or forgotten), or a data source. */
export function isGoneAfterApply(change: ResourceChange): boolean {
  return !change.actions.some((a) => a === "create" || a === "update" || a === "no-op");
}

/** True when the plan does not know (part of) `field` until apply. */
export function isUnknown(change: ResourceChange, field: string): boolean {
  return containsTrue(change.afterUnknown[field], 0);
}

function containsTrue(value: unknown, depth: number): boolean {
  if (value === true) return true;
  if (depth > 32 || typeof value !== "object" || value === null) return false;
  return Object.values(value).some((v) => containsTrue(v, depth + 1));
}

/** Resources in `prior_state` (data sources read during planning, and existing resources). */
export function priorStateResources(plan: Json): Array<{ address: string; type: string; values: Json }> {
  const found: Array<{ address: string; type: string; values: Json }> = [];
  const prior =
    isObject(plan.prior_state) && isObject(plan.prior_state.values) ? plan.prior_state.values : undefined;
  const visit = (module: unknown, depth: number) => {
    if (!isObject(module) || depth > 32) return;
    for (const r of Array.isArray(module.resources) ? module.resources : []) {
      if (isObject(r) && typeof r.address === "string" && typeof r.type === "string" && isObject(r.values)) {
        found.push({ address: r.address, type: r.type, values: r.values });
      }
    }
    for (const child of Array.isArray(module.child_modules) ? module.child_modules : [])
      visit(child, depth + 1);
  };
  visit(prior?.root_module, 0);
  return found;
}

/**
 * For each configured resource (address without instance keys), the resources its expressions
 * refer to, by attribute: `{ "module.dns.aws_route53_record.spf": { zone_id: ["module.dns.aws_route53_zone.main"] } }`.
 */
export function configurationReferences(plan: Json): Map<string, Map<string, string[]>> {
  const refs = new Map<string, Map<string, string[]>>();
  const visit = (module: unknown, prefix: string, depth: number) => {
    if (!isObject(module) || depth > 32) return;
    for (const r of Array.isArray(module.resources) ? module.resources : []) {
      if (!isObject(r) || typeof r.address !== "string" || !isObject(r.expressions)) continue;
      const byField = new Map<string, string[]>();
      for (const [field, expression] of Object.entries(r.expressions)) {
        if (isObject(expression) && Array.isArray(expression.references)) {
          byField.set(
            field,
            expression.references.filter((x): x is string => typeof x === "string").map((x) => prefix + x),
          );
        }
      }
      refs.set(prefix + r.address, byField);
    }
    const calls = isObject(module.module_calls) ? module.module_calls : {};
    for (const [name, call] of Object.entries(calls)) {
      if (isObject(call)) visit(call.module, `${prefix}module.${name}.`, depth + 1);
    }
  };
  const configuration = isObject(plan.configuration) ? plan.configuration : {};
  visit(configuration.root_module, "", 0);
  return refs;
}

/** `module.a["x"].aws_route53_record.b[0]` → `module.a.aws_route53_record.b` (configuration form). */
export function withoutInstanceKeys(address: string): string {
  return address.replace(/\[[^\]]*\]/g, "");
}

export function stringField(values: Json, field: string): string | undefined {
  const v = values[field];
  return typeof v === "string" ? v : undefined;
}
