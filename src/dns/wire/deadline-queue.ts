/**
 * Timeouts for many questions with one timer. A `setTimeout` per question (plus its `clearTimeout`
 * when the answer came first, which is nearly always) was a measurable part of the client's CPU and
 * allocation per question. Every question of one exchanger waits the same time, so deadlines arrive
 * in the order the questions were sent: the queue is a plain list, the timer is set for its oldest
 * open entry, and answered entries are skipped when the timer reaches them.
 */

export interface Expiring {
  /** When it times out, on the `performance.now()` clock. */
  readonly deadline: number;
  /** Set by its owner once it is answered (or has failed), before calling `closed()`. */
  settled: boolean;
}

export class DeadlineQueue<T extends Expiring> {
  readonly #expire: (entry: T) => void;
  /** In deadline order; entries already passed by `#head` are cleared, so nothing keeps them alive. */
  #entries: (T | undefined)[] = [];
  #head = 0;
  /** Entries added and not yet settled: the timer runs (and keeps the process alive) while any are. */
  #open = 0;
  #timer: NodeJS.Timeout | undefined;
  /** True while `#fire` walks the list: `expire` may add entries, and the timer is set after the walk. */
  #firing = false;

  /** `expire` is called for each entry whose deadline passed unsettled; it must settle it. */
  constructor(expire: (entry: T) => void) {
    this.#expire = expire;
  }

  /** Adds an entry; its deadline must not be earlier than any entry's added before it. */
  add(entry: T): void {
    this.#entries.push(entry);
    this.#open++;
    if (this.#timer === undefined && !this.#firing) this.#arm(entry.deadline);
  }

  /** One entry was settled (answered, failed or expired). */
  closed(): void {
    this.#open--;
    if (this.#open === 0) {
      // Nothing waits: no timer may hold the process open, and the list can start again.
      clearTimeout(this.#timer);
      this.#timer = undefined;
      this.#entries = [];
      this.#head = 0;
      return;
    }
    // Answers mostly come in the order of the questions: let the settled oldest ones go now.
    const entries = this.#entries;
    while (entries[this.#head]?.settled) entries[this.#head++] = undefined;
    if (this.#head > 1024 && this.#head * 2 > entries.length) {
      this.#entries = entries.slice(this.#head);
      this.#head = 0;
    }
  }

  #arm(deadline: number): void {
    this.#timer = setTimeout(this.#fire, Math.max(0, deadline - performance.now()));
  }

  readonly #fire = (): void => {
    this.#timer = undefined;
    const now = performance.now();
    this.#firing = true;
    try {
      for (;;) {
        const entry = this.#entries[this.#head];
        if (entry === undefined || (!entry.settled && entry.deadline > now)) break;
        this.#entries[this.#head++] = undefined;
        // Settling it calls closed(), which may shorten the list or, for the last one, empty it;
        // its owner may add a new entry (the next try) at once, at the end of the list.
        if (!entry.settled) this.#expire(entry);
      }
    } finally {
      this.#firing = false;
    }
    if (this.#open === 0) return;
    const next = this.#entries[this.#head];
    if (next) this.#arm(next.deadline);
  };
}
