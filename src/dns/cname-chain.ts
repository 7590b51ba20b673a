import { canonicalName } from "./types.js";

/**
 * The one limit on CNAME chains, for every place that follows them (answers from servers, zone
 * files, the DKIM delegation shown in JSON). RFC 1034 §3.6.2 sets no number, only that chains must
 * end; 16 is above any real delegation (ESPs use one or two hops) and near what resolvers allow
 * (BIND follows 16, Unbound 11 within one answer), so a longer chain is treated as a loop.
 */
export const MAX_CNAME_HOPS = 16;

/** How adding a hop went: the chain goes on, or it has closed on itself or run past the limit. */
export type HopResult = "ok" | "loop" | "too-long";

/**
 * A CNAME chain being followed from one name: the one follower used by the resolver (answer
 * sections, and asking again where a server stopped), the zone sets, and through the answers'
 * `cnames`, the DKIM collector.
 */
export class CnameChain {
  /** The targets followed so far (ASCII letters in lower case, no trailing dot), in order. */
  readonly targets: string[] = [];
  /** `start` made canonical, when first needed: most answers are read without it (read-answer.ts). */
  #start: string | undefined;

  constructor(readonly start: string) {}

  /** The name the chain has reached. */
  get end(): string {
    return this.targets.at(-1) ?? this.#canonicalStart();
  }

  follow(target: string): HopResult {
    const next = canonicalName(target);
    // At most MAX_CNAME_HOPS names to look through: a list is cheaper than a set per question
    // (nearly every question has no CNAME at all).
    if (next === this.#canonicalStart() || this.targets.includes(next)) {
      this.targets.push(next);
      return "loop";
    }
    if (this.targets.length >= MAX_CNAME_HOPS) return "too-long";
    this.targets.push(next);
    return "ok";
  }

  #canonicalStart(): string {
    this.#start ??= canonicalName(this.start);
    return this.#start;
  }

  /** Why the chain cannot give an answer, as a temporary failure's reason. */
  failure(result: Exclude<HopResult, "ok">): string {
    return result === "loop"
      ? `CNAME loop at ${this.start}`
      : `CNAME chain from ${this.start} longer than ${MAX_CNAME_HOPS} hops`;
  }
}
