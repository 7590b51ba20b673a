/**
 * Include trees shared by many audited domains (one provider tree for thousands of customers) are
 * walked once per run and reused: walking and building them again for every domain was most of the
 * audit's own CPU (BENCHMARKS.md, "Audit").
 *
 * Only a *clean* subtree is shared: one whose walk found no DNS failure, loop, macro or cap, so it
 * is the same whatever path leads to it. A domain that reuses one still asks its questions (answered
 * from the run's cache), so its own record of answers, its time budget and its failures stay its own;
 * if any of them fails for that domain, or the subtree would close a loop with the domain's path or
 * pass the node cap, the domain walks it itself as before.
 */
import type { DnsAnswer, RecordData, RecordType, Resolver } from "../dns/types.js";
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
  /** The questions its walk asked, in order. */
  questions: readonly (readonly [string, RecordType])[];
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

/** Keeps the questions asked through it, so a reusing domain can ask them through its own resolver. */
export class RecordingResolver implements Resolver {
  readonly questions: (readonly [string, RecordType])[] = [];

  constructor(readonly inner: Resolver) {}

  query<T extends RecordType>(name: string, type: T): Promise<DnsAnswer<RecordData[T]>> {
    this.questions.push([name, type]);
    return this.inner.query(name, type);
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

/** Asks `questions` through `resolver`; false when any of them failed there. */
export async function askAgain(resolver: Resolver, questions: SharedSubtree["questions"]): Promise<boolean> {
  const answers = await Promise.all(questions.map(([name, type]) => resolver.query(name, type)));
  return answers.every((answer) => answer.kind !== "temperror");
}

/** Every name in a subtree. */
export function namesIn(node: SpfNode, into = new Set<string>()): Set<string> {
  into.add(node.domain);
  for (const child of node.children) namesIn(child, into);
  return into;
}
