import {
  type DnsAnswer,
  type KnownAnswer,
  type RecordData,
  type RecordType,
  type Resolver,
  type TakesKnownAnswers,
  takesKnownAnswers,
} from "./types.js";

/**
 * Gives one domain's audit an overall time budget. Each query already has its own timeout, but a
 * hostile tree (a 60-deep include chain answered just inside the timeout) could still take minutes
 * one hop after another; RFC 7208 §4.6.4 asks evaluators for an overall limit too. Past the deadline,
 * questions end at once as temporary failures, so the audit is inconclusive rather than slow.
 */
export class DeadlineResolver implements TakesKnownAnswers {
  readonly #deadline: number;
  readonly #exhausted: DnsAnswer<never>;
  /** One timer per domain, shared by all its questions (a timer per question cost measurable CPU). */
  #expiry: Promise<DnsAnswer<never>> | undefined;

  constructor(
    readonly inner: Resolver,
    readonly budgetMs: number,
  ) {
    this.#deadline = Date.now() + budgetMs;
    this.#exhausted = { kind: "temperror", reason: `audit time budget of ${budgetMs / 1000} s used up` };
  }

  // Not `async`: the race's promise is returned as it is (an async wrapper added a promise and a
  // microtask turn to every question of every domain).
  query<T extends RecordType>(name: string, type: T): Promise<DnsAnswer<RecordData[T]>> {
    if (Date.now() >= this.#deadline) return Promise.resolve(this.#exhausted);
    return Promise.race([this.inner.query(name, type), this.#expiryPromise()]);
  }

  /**
   * Answers the run's resolver (our inner one) already gave: taken while the budget lasts, as
   * `query` would have returned them at once; refused past it, as `query` would have refused them.
   */
  takeKnown(answers: readonly KnownAnswer[]): boolean {
    if (Date.now() >= this.#deadline) return false;
    return takesKnownAnswers(this.inner) ? this.inner.takeKnown(answers) : true;
  }

  #expiryPromise(): Promise<DnsAnswer<never>> {
    this.#expiry ??= new Promise((resolve) => {
      // unref: a finished audit must not wait for its budget to run out before the process exits.
      setTimeout(() => resolve(this.#exhausted), this.#deadline - Date.now()).unref();
    });
    return this.#expiry;
  }
}

/**
 * The default budget for one domain: enough for deep but honest trees, and for a few failing
 * queries at the per-query timeout (each may be sent twice), without letting hostile DNS drag on.
 */
export function domainBudgetMs(queryTimeoutMs: number): number {
  return Math.max(10_000, 4 * queryTimeoutMs);
}
