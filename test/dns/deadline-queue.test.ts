import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DeadlineQueue, type Expiring } from "../../src/dns/wire/deadline-queue.js";
import { fuzzOptions } from "../fuzz/fuzz-kit.js";

/** What the UDP exchanger does with an entry: settle it once (answer, failure or expiry), then tell the queue. */
class Entry implements Expiring {
  settled = false;
  constructor(
    readonly name: string,
    readonly deadline: number,
  ) {}
}

function harness() {
  const expired: string[] = [];
  const settle = (entry: Entry) => {
    if (entry.settled) return;
    entry.settled = true;
    queue.closed();
  };
  const queue: DeadlineQueue<Entry> = new DeadlineQueue<Entry>((entry) => {
    expired.push(entry.name);
    settle(entry);
  });
  const add = (name: string, waitMs: number) => {
    const entry = new Entry(name, performance.now() + waitMs);
    queue.add(entry);
    return entry;
  };
  return { queue, expired, settle, add };
}

// The queue reads performance.now(): it is faked with the timers, so time moves only when told.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("DeadlineQueue (one timer for the UDP client's questions)", () => {
  it("expires entries in deadline order, each when its own deadline passes", () => {
    const { expired, add } = harness();
    add("a", 100);
    vi.advanceTimersByTime(10);
    add("b", 100); // deadline 110
    vi.advanceTimersByTime(10);
    add("c", 100); // deadline 120
    vi.advanceTimersByTime(95); // t = 115
    expect(expired).toEqual(["a", "b"]);
    vi.advanceTimersByTime(4); // t = 119
    expect(expired).toEqual(["a", "b"]);
    vi.advanceTimersByTime(1); // t = 120
    expect(expired).toEqual(["a", "b", "c"]);
  });

  it("skips entries settled before their deadline, and never expires one twice", () => {
    const { expired, add, settle } = harness();
    const a = add("a", 100);
    add("b", 100);
    const c = add("c", 100);
    add("d", 100);
    settle(a); // the oldest answered first, as most are
    settle(c); // one in the middle answered
    vi.advanceTimersByTime(1000);
    expect(expired).toEqual(["b", "d"]);
  });

  it("runs one timer for many waiting entries, and none once nothing waits (the process may exit)", () => {
    const { add, settle } = harness();
    expect(vi.getTimerCount()).toBe(0);
    const entries = Array.from({ length: 500 }, (_, i) => add(`q${i}`, 5000));
    expect(vi.getTimerCount()).toBe(1);
    for (const entry of entries.slice(0, 499)) settle(entry);
    expect(vi.getTimerCount()).toBe(1);
    settle(entries[499] as Entry);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("leaves no timer after the last entry expires, and starts one again for the next entry", () => {
    const { expired, add } = harness();
    add("a", 50);
    add("b", 60);
    vi.advanceTimersByTime(60);
    expect(expired).toEqual(["a", "b"]);
    expect(vi.getTimerCount()).toBe(0);
    add("c", 50);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(50);
    expect(expired).toEqual(["a", "b", "c"]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("re-arms for the next open entry when the timer reaches only settled ones", () => {
    const { expired, add, settle } = harness();
    const a = add("a", 100); // the timer is set for a's deadline
    vi.advanceTimersByTime(50);
    add("b", 100); // deadline 150
    settle(a);
    vi.advanceTimersByTime(60); // t = 110: the timer fired for a, found it settled
    expect(expired).toEqual([]);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(40); // t = 150
    expect(expired).toEqual(["b"]);
  });

  it("takes a new entry added from inside an expiry (the next try), with one timer for it", () => {
    // The resolver's questions are callbacks: a try's timeout sends the next try at once, from
    // inside the queue's own timer; it must get its own full wait and no second timer.
    const expired: string[] = [];
    let retried = false;
    const queue: DeadlineQueue<Entry> = new DeadlineQueue<Entry>((entry) => {
      expired.push(entry.name);
      entry.settled = true;
      queue.closed();
      if (!retried) {
        retried = true;
        queue.add(new Entry(`${entry.name}-again`, performance.now() + 100));
      }
    });
    queue.add(new Entry("a", performance.now() + 100));
    queue.add(new Entry("b", performance.now() + 100));
    vi.advanceTimersByTime(100);
    expect(expired).toEqual(["a", "b"]);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(99);
    expect(expired).toEqual(["a", "b"]);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual(["a", "b", "a-again"]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("keeps its promise over thousands of entries answered out of order (the list is compacted on the way)", () => {
    const { expired, add, settle } = harness();
    const entries = Array.from({ length: 5000 }, (_, i) => add(`q${i}`, 1000));
    // Everything but every 7th is answered, the odd ones first: the head moves past many settled.
    for (let i = 1; i < entries.length; i += 2) if (i % 7 !== 0) settle(entries[i] as Entry);
    for (let i = 0; i < entries.length; i += 2) if (i % 7 !== 0) settle(entries[i] as Entry);
    vi.advanceTimersByTime(1000);
    expect(expired).toEqual(entries.filter((_, i) => i % 7 === 0).map((entry) => entry.name));
    expect(vi.getTimerCount()).toBe(0);
  });

  it("matches a model: each entry expires exactly when it is still open at its deadline, in order", () => {
    // Steps: add an entry (same wait for all, as the exchanger does), settle the k-th entry, or let time pass.
    const step = fc.oneof(
      fc.constant({ kind: "add" as const }),
      fc.record({ kind: fc.constant("settle" as const), index: fc.nat(60) }),
      fc.record({ kind: fc.constant("wait" as const), ms: fc.integer({ min: 0, max: 70 }) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 80 }), (steps) => {
        vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
        const { expired, add, settle } = harness();
        const entries: Entry[] = [];
        /** The model: what should have expired by now, in order, given what the test answered. */
        const expected: string[] = [];
        const answered = new Set<Entry>();
        const expireDue = () => {
          const now = performance.now();
          for (const entry of entries)
            if (!answered.has(entry) && entry.deadline <= now && !expected.includes(entry.name))
              expected.push(entry.name);
        };
        for (const s of steps) {
          if (s.kind === "add") entries.push(add(`e${entries.length}`, 50));
          else if (s.kind === "settle") {
            const entry = entries[s.index];
            if (entry && !expected.includes(entry.name)) {
              answered.add(entry);
              settle(entry);
            }
          } else {
            // Time moves one millisecond at a time so the model sees every deadline as it passes.
            for (let ms = 0; ms < s.ms; ms++) {
              vi.advanceTimersByTime(1);
              expireDue();
            }
          }
          expect(expired).toEqual(expected);
        }
        vi.advanceTimersByTime(50);
        expireDue();
        expect(expired).toEqual(expected);
        expect(entries.every((entry) => entry.settled)).toBe(true);
        expect(vi.getTimerCount()).toBe(0);
      }),
      fuzzOptions(100),
    );
  });
});
