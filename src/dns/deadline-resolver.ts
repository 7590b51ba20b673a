import type { DnsAnswer, RecordData, RecordType, Resolver } from "./types.js";

/**
 * Gives one domain's audit an overall time budget. Each query already has its own timeout, but a
 * hostile tree (a 60-deep include chain answered just inside the timeout) could still take minutes
 * one hop after another; RFC 7208 §4.6.4 asks evaluators for an overall limit too. Past the deadline,
 * questions end at once as temporary failures, so the audit is inconclusive rather than slow.
 */
export class DeadlineResolver implements Resolver {
  readonly #deadline: number;

  constructor(
    readonly inner: Resolver,
    readonly budgetMs: number,
  ) {
    this.#deadline = Date.now() + budgetMs;
  }

  async query<T extends RecordType>(name: string, type: T): Promise<DnsAnswer<RecordData[T]>> {
    const remaining = this.#deadline - Date.now();
    const exhausted: DnsAnswer<RecordData[T]> = {
      kind: "temperror",
      reason: `audit time budget of ${this.budgetMs / 1000} s used up`,
    };
    if (remaining <= 0) return exhausted;
    let timer: NodeJS.Timeout | undefined;
    const expiry = new Promise<DnsAnswer<RecordData[T]>>((resolve) => {
      timer = setTimeout(() => resolve(exhausted), remaining);
    });
    try {
      return await Promise.race([this.inner.query(name, type), expiry]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * The default budget for one domain: enough for deep but honest trees, and for a few failing
 * queries at the per-query timeout (each may be sent twice), without letting hostile DNS drag on.
 */
export function domainBudgetMs(queryTimeoutMs: number): number {
  return Math.max(10_000, 4 * queryTimeoutMs);
}
