/**
 * A counting semaphore: at most `limit` slots are held at once, the rest wait in arrival order.
 * `SystemResolver` uses it for DNS questions: hundreds of UDP answers arriving in one burst overflow
 * the client socket's receive buffer, the kernel drops them (RcvbufErrors), and each loss costs a
 * whole c-ares timeout before the retry (BENCHMARKS.md, `--concurrency 64`).
 *
 * A free slot is taken synchronously (`tryAcquire`): nearly every question finds one, and a promise
 * per question only to say "go ahead" was a measurable part of the client's allocation.
 */
export class InFlightLimit {
  readonly #limit: number;
  #running = 0;
  readonly #waiting: { start: () => void; abandon: (reason: Error) => void }[] = [];

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`in-flight limit ${limit}: not ≥ 1`);
    this.#limit = limit;
  }

  /** Takes a slot if one is free. */
  tryAcquire(): boolean {
    if (this.#running >= this.#limit) return false;
    this.#running++;
    return true;
  }

  /** Waits for a slot, in arrival order; rejects when `abandonWaiting` is called first. */
  acquire(): Promise<void> {
    if (this.tryAcquire()) return Promise.resolve();
    return new Promise<void>((start, abandon) => this.#waiting.push({ start, abandon }));
  }

  /** Gives a slot back; it passes straight to the next waiter, if any. */
  release(): void {
    const next = this.#waiting.shift();
    // Handed over: `#running` stays as it is.
    if (next) next.start();
    else this.#running--;
  }

  /** Rejects everyone still waiting for a slot (those holding one are the caller's to stop). */
  abandonWaiting(reason: Error): void {
    for (const waiter of this.#waiting.splice(0)) waiter.abandon(reason);
  }
}
