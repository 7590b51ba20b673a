/**
 * A counting semaphore: at most `limit` tasks run at once, the rest wait in arrival order.
 * `SystemResolver` uses it for DNS questions: hundreds of UDP answers arriving in one burst overflow
 * the client socket's receive buffer, the kernel drops them (RcvbufErrors), and each loss costs a
 * whole c-ares timeout before the retry (BENCHMARKS.md, `--concurrency 64`).
 */
export class InFlightLimit {
  readonly #limit: number;
  #running = 0;
  readonly #waiting: { start: () => void; abandon: (reason: Error) => void }[] = [];

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`in-flight limit ${limit}: not ≥ 1`);
    this.#limit = limit;
  }

  /** Runs `task` once a slot is free; the slot is released when it settles. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#running >= this.#limit) {
      await new Promise<void>((start, abandon) => this.#waiting.push({ start, abandon }));
    } else {
      this.#running++;
    }
    try {
      return await task();
    } finally {
      const next = this.#waiting.shift();
      // The slot passes straight to the next waiter, so `#running` stays as it is.
      if (next) next.start();
      else this.#running--;
    }
  }

  /** Rejects every task still waiting for a slot (those running are the caller's to stop). */
  abandonWaiting(reason: Error): void {
    for (const waiter of this.#waiting.splice(0)) waiter.abandon(reason);
  }
}
