/**
 * A counting semaphore: at most `limit` slots are held at once, the rest wait in arrival order.
 * `SystemResolver` uses it for DNS questions: hundreds of UDP answers arriving in one burst overflow
 * the client socket's receive buffer, the kernel drops them (RcvbufErrors), and each loss costs a
 * whole c-ares timeout before the retry (BENCHMARKS.md, `--concurrency 64`).
 *
 * A free slot is taken synchronously (`tryAcquire`): nearly every question finds one. One that does
 * not is told by a call on itself (`SlotWaiter`), not a promise: the resolver's questions are
 * callbacks inside one promise each (src/dns/lookup.ts).
 */
export interface SlotWaiter {
  /** The slot is this waiter's now; it must `release()` it when done. */
  slotGranted(): void;
  /** `abandonWaiting` was called: no slot will come. */
  slotAbandoned(): void;
}

export class InFlightLimit {
  readonly #limit: number;
  #running = 0;
  readonly #waiting: SlotWaiter[] = [];

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

  /** Queues `waiter` for the next free slot, in arrival order (call after `tryAcquire` failed). */
  wait(waiter: SlotWaiter): void {
    this.#waiting.push(waiter);
  }

  /** Gives a slot back; it passes straight to the next waiter, if any. */
  release(): void {
    const next = this.#waiting.shift();
    // Handed over: `#running` stays as it is.
    if (next) next.slotGranted();
    else this.#running--;
  }

  /** Tells everyone still waiting for a slot that none will come (those holding one are the caller's to stop). */
  abandonWaiting(): void {
    for (const waiter of this.#waiting.splice(0)) waiter.slotAbandoned();
  }
}
