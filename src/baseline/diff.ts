/**
 * A generic, pure, deterministic diff of two JSON values, path by path:
 * `spf.tree.children[0].domain` changed, `dkim[selector=s2]` added, …
 * Objects are compared key by key (keys in sorted order, so the output order never depends on how
 * the inputs were built); arrays position by position, or by identity where `keyOf` names one, so
 * inserting a DKIM selector does not show as every later selector changing.
 */
export type ChangeKind = "added" | "removed" | "changed";

export interface Change {
  path: string;
  kind: ChangeKind;
  /** Absent for "added". */
  before?: unknown;
  /** Absent for "removed". */
  after?: unknown;
}

export interface DiffOptions {
  /**
   * An identity for an array element (e.g. "selector=s1"), given the array's path; undefined means
   * compare that array by position.
   */
  keyOf?: (arrayPath: string, item: unknown) => string | undefined;
}

export function diffJson(before: unknown, after: unknown, options: DiffOptions = {}): Change[] {
  const changes: Change[] = [];
  walk(before, after, "", options, changes);
  return changes;
}

function walk(before: unknown, after: unknown, path: string, options: DiffOptions, out: Change[]): void {
  if (before === undefined && after === undefined) return;
  if (before === undefined) {
    out.push({ path, kind: "added", after });
  } else if (after === undefined) {
    out.push({ path, kind: "removed", before });
  } else if (Array.isArray(before) && Array.isArray(after)) {
    diffArrays(before, after, path, options, out);
  } else if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) walk(before[key], after[key], joinKey(path, key), options, out);
  } else if (!sameValue(before, after)) {
    out.push({ path, kind: "changed", before, after });
  }
}

function diffArrays(
  before: unknown[],
  after: unknown[],
  path: string,
  options: DiffOptions,
  out: Change[],
): void {
  const keyed =
    options.keyOf && [...before, ...after].every((item) => options.keyOf?.(path, item) !== undefined);
  if (!keyed || !options.keyOf) {
    for (let i = 0; i < Math.max(before.length, after.length); i++)
      walk(before[i], after[i], `${path}[${i}]`, options, out);
    return;
  }
  const keyOf = options.keyOf;
  const beforeByKey = new Map(before.map((item) => [keyOf(path, item) as string, item]));
  const afterByKey = new Map(after.map((item) => [keyOf(path, item) as string, item]));
  const keys = [...new Set([...beforeByKey.keys(), ...afterByKey.keys()])].sort();
  for (const key of keys) walk(beforeByKey.get(key), afterByKey.get(key), `${path}[${key}]`, options, out);
}

function joinKey(path: string, key: string): string {
  const segment = /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
  if (segment !== key) return `${path}[${segment}]`;
  return path === "" ? key : `${path}.${key}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return Object.is(a, b);
  // Mixed shapes (array vs object): different unless their JSON is identical (never, in practice).
  return JSON.stringify(a) === JSON.stringify(b);
}
