/**
 * One report's records summed per (shape, source IP), as `source_groups` keeps them (migration 5):
 * messages, records and the first record's id. The writers add these to the table at commit.
 */
export interface SourceGroupSum {
  shape: number;
  ip: string;
  messages: number;
  records: number;
  first: number;
}

export class SourceGroupSums {
  readonly #sums = new Map<string, SourceGroupSum>();

  add(shape: number, ip: string, messages: number, record: number): void {
    const key = `${shape} ${ip}`;
    const sum = this.#sums.get(key);
    if (sum) {
      sum.messages += messages;
      sum.records += 1;
      sum.first = Math.min(sum.first, record);
    } else this.#sums.set(key, { shape, ip, messages, records: 1, first: record });
  }

  /** By shape, then IP: the table's key order. */
  sorted(): SourceGroupSum[] {
    return [...this.#sums.values()].sort(
      (a, b) => a.shape - b.shape || (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0),
    );
  }
}

/**
 * After a prune: the sums of one policy domain (`?`) recomputed from the records left, since a
 * first record or an earliest start cannot be subtracted. Two statements, run in order in the
 * prune's transaction.
 */
export const RESUM_DOMAIN_SQL = [
  "DELETE FROM source_groups WHERE shape IN (SELECT id FROM record_shapes WHERE policy_domain = ?)",
  `INSERT INTO source_groups (shape, source_ip, messages, records, first_record, first_begin)
   SELECT r.shape, r.source_ip, sum(r.count), count(*), min(r.id), min(p.begin_ts)
     FROM reports p JOIN records r ON r.report = p.id WHERE p.policy_domain = ?
    GROUP BY r.shape, r.source_ip`,
] as const;
