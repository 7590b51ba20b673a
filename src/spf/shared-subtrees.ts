/**
 * Include trees shared by many audited domains (one provider tree for thousands of customers) are
 * walked once per run and reused: walking and building them again for every domain was most of the
 * audit's own CPU (BENCHMARKS.md, "Audit").
 *
 * Only a *clean* subtree is shared: one whose walk found no DNS failure, loop, macro or cap, so it
 * is the same whatever path leads to it. A domain that reuses one takes its answers (the run's
 * resolver gave them) into its own record of answers, within its own time budget
 * (`TakesKnownAnswers`); if its budget is used up, or the subtree would close a loop with the
 * domain's path or pass the node cap, the domain walks it itself as before.
 */
import {
  type DnsAnswer,
  type KnownAnswer,
  type RecordData,
  type RecordType,
  type Resolver,
  takesKnownAnswers,
} from "../dns/types.js";
import type { SpfNode } from "./types.js";

export interface SharedSubtree {
  /** The subtree's root as first reached; `via` and `term` are the reusing site's own. */
  node: SpfNode;
  /** The TXT question at its root was void. */
  void: boolean;
  /** Every name in the subtree: reusing it under a path that holds one of them would hide a loop. */
  names: ReadonlySet<string>;
  /** Nodes it holds, counted against the walker's cap. */
  nodes: number;
  /** The questions its walk asked, in order, with their answers (none a temporary failure). */
  answers: readonly KnownAnswer[];
}

/** Walks a subtree alone; undefined when the result is not clean (and so not to be shared). */
export type SubtreeWalk = (resolver: RecordingResolver) => Promise<SharedSubtree | undefined>;

/** One run's shared subtrees, by name. */
export class SharedSubtrees {
  readonly #byName = new Map<string, Promise<SharedSubtree | undefined>>();

  /**
   * The clean subtree at `name`, walking it (through `resolver`, recording its questions) the first
   * time it is asked for; every later caller waits for that walk. Undefined when it is not clean.
   */
  get(name: string, resolver: Resolver, walk: SubtreeWalk): Promise<SharedSubtree | undefined> {
    let subtree = this.#byName.get(name);
    if (!subtree) {
      subtree = walk(new RecordingResolver(resolver));
      this.#byName.set(name, subtree);
    }
    return subtree;
  }
}

/** Keeps the questions asked through it and their answers, for the domains that reuse the walk. */
export class RecordingResolver implements Resolver {
  readonly #asked: Promise<KnownAnswer>[] = [];

  constructor(readonly inner: Resolver) {}

  query<T extends RecordType>(name: string, type: T): Promise<DnsAnswer<RecordData[T]>> {
    const answer = this.inner.query(name, type);
    this.#asked.push(answer.then((a) => ({ name, type, answer: a })));
    return answer;
  }

  /** Every question asked so far with its answer, in the order asked. */
  answers(): Promise<KnownAnswer[]> {
    return Promise.all(this.#asked);
  }
}

const runs = new WeakMap<Resolver, SharedSubtrees>();

/**
 * The shared subtrees of the run whose resolver is `resolver` (the run's one caching resolver, the
 * same object for every domain): what a subtree holds is valid as long as that resolver's answers.
 */
export function sharedSubtreesFor(resolver: Resolver): SharedSubtrees {
  let shared = runs.get(resolver);
  if (!shared) {
    shared = new SharedSubtrees();
    runs.set(resolver, shared);
  }
  return shared;
}

/**
 * Gives a domain's `resolver` the subtree's answers: handed over where it takes known answers (its
 * budget permitting), else asked again through it (answered from the run's cache). False when the
 * domain cannot have them: it must walk the subtree itself.
 */
export async function takeAnswers(resolver: Resolver, answers: SharedSubtree["answers"]): Promise<boolean> {
  if (takesKnownAnswers(resolver)) return resolver.takeKnown(answers);
  const again = await Promise.all(answers.map(({ name, type }) => resolver.query(name, type)));
  return again.every((answer) => answer.kind !== "temperror");
}

/** Every name in a subtree. */
export function namesIn(node: SpfNode, into = new Set<string>()): Set<string> {
  into.add(node.domain);
  for (const child of node.children) namesIn(child, into);
  return into;
}
