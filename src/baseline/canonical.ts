/**
 * Canonical JSON for baseline files: object keys sorted, undefined dropped, and arrays that hold
 * DNS answer sets sorted, because an RRset has no order (RFC 2181 §5) and a resolver may return it
 * shuffled on every run; a baseline must not "drift" because of that. Arrays whose order carries
 * meaning (SPF terms and the include tree's children, in record order) keep it.
 */

/** Array-valued keys whose elements form an unordered set. */
const UNORDERED_KEYS = new Set([
  "records",
  "ips",
  "addresses",
  "ip4",
  "ip6",
  "a",
  "mx",
  "rua",
  "ruf",
  "dkim",
  "senders",
]);

export function canonicalize(value: unknown, key = ""): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => canonicalize(item));
    return UNORDERED_KEYS.has(key) ? items.sort(compareCanonical) : items;
  }
  if (typeof value === "object" && value !== null) {
    const result: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) result[k] = canonicalize(v, k);
    }
    return result;
  }
  return value;
}

/** Elements with a `selector` sort by it (DKIM), others by their JSON text. */
function compareCanonical(a: unknown, b: unknown): number {
  const ka = sortKey(a);
  const kb = sortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function sortKey(value: unknown): string {
  if (typeof value === "object" && value !== null && "selector" in value)
    return `selector=${String(value.selector)}`;
  return JSON.stringify(value);
}

/** The identity a baseline diff uses for elements of unordered object arrays (DKIM by selector). */
export function identityOf(_arrayPath: string, item: unknown): string | undefined {
  if (typeof item === "object" && item !== null && "selector" in item)
    return `selector=${String(item.selector)}`;
  return undefined;
}
