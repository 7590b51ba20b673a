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
