/** One CI job's share of a domain list: the i-th of n (1-based). */
export interface Shard {
  index: number;
  count: number;
}

/** Parses "i/n"; returns the reason when it is not a shard. */
export function parseShard(text: string): Shard | string {
  const match = /^(\d{1,4})\/(\d{1,4})$/.exec(text.trim());
  if (!match) return "expected i/n, e.g. 2/4";
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || index < 1 || index > count) return "expected 1 ≤ i ≤ n";
  return { index, count };
}

/**
 * The items of shard i/n. Deterministic and independent of input order: the distinct names are
 * sorted, and the name at sorted position p (0-based) belongs to shard (p mod n) + 1, so every job
 * given the same list, in any order, agrees, and the n shards cover the list exactly once.
 * Round-robin over the sorted list spreads alphabetical clusters (one customer's many domains)
 * across jobs. The returned items keep the input order.
 */
export function selectShard<T>(items: readonly T[], nameOf: (item: T) => string, shard: Shard): T[] {
  const sorted = [...new Set(items.map(nameOf))].sort();
  const mine = new Set(sorted.filter((_, position) => position % shard.count === shard.index - 1));
  return items.filter((item) => mine.has(nameOf(item)));
}
