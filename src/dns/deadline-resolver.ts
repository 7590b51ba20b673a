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
  /**
   * The questions waiting for an answer, each by the function that settles its promise; one timer
   * per domain settles those left when the budget runs out (a timer per question cost measurable
   * CPU). Not a race against one expiry promise: each race left a reaction on that promise, holding
   * its settled answer, until the timer fired (10 s on) or the process ended. Over 500 domains those
   * were ~2 MB that every scavenge copied until they were promoted (V8's sampling heap profile).
   */
  #waiting: Set<(answer: DnsAnswer<never>) => void> | undefined;
  /** Set when the timer has fired (it may fire a moment before Date.now() reaches the deadline). */
  #expired = false;

  constructor(
    readonly inner: Resolver,
    readonly budgetMs: number,
  ) {
    this.#deadline = Date.now() + budgetMs;
    this.#exhausted = { kind: "temperror", reason: `audit time budget of ${budgetMs / 1000} s used up` };
  }

  // Not `async`: the promise is returned as it is (an async wrapper added a promise and a
  // microtask turn to every question of every domain).
  query<T extends RecordType>(name: string, type: T): Promise<DnsAnswer<RecordData[T]>> {
    if (Date.now() >= this.#deadline) return Promise.resolve(this.#exhausted);
    const answer = this.inner.query(name, type);
    // As a race against an expiry already settled: an answer already at hand still comes first.
    if (this.#expired) return Promise.race([answer, Promise.resolve(this.#exhausted)]);
    const waiting = this.#waitingQuestions();
    return new Promise((resolve, reject) => {
      waiting.add(resolve);
      answer.then(
        (value) => {
          waiting.delete(resolve);
          resolve(value);
        },
        (error: unknown) => {
          waiting.delete(resolve);
          reject(error);
        },
      );
    });
  }

  /**
   * Answers the run's resolver (our inner one) already gave: taken while the budget lasts, as
   * `query` would have returned them at once; refused past it, as `query` would have refused them.
   */
  takeKnown(answers: readonly KnownAnswer[]): boolean {
    if (Date.now() >= this.#deadline) return false;
    return takesKnownAnswers(this.inner) ? this.inner.takeKnown(answers) : true;
  }

  #waitingQuestions(): Set<(answer: DnsAnswer<never>) => void> {
    if (this.#waiting) return this.#waiting;
    const waiting = new Set<(answer: DnsAnswer<never>) => void>();
    this.#waiting = waiting;
    // unref: a finished audit must not wait for its budget to run out before the process exits.
    setTimeout(() => {
      this.#expired = true;
      for (const settle of waiting) settle(this.#exhausted);
      waiting.clear();
    }, this.#deadline - Date.now()).unref();
    return waiting;
  }
}

/**
 * The default budget for one domain: enough for deep but honest trees, and for a few failing
 * queries at the per-query timeout (each may be sent twice), without letting hostile DNS drag on.
 */
export function domainBudgetMs(queryTimeoutMs: number): number {
  return Math.max(10_000, 4 * queryTimeoutMs);
}
