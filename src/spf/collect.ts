/**
 * The static SPF walker: reads the record at a domain and every record its include and redirect
 * terms lead to, the **whole** tree, never short-circuiting the way check_host() does when a
 * mechanism matches, so the audit can say what the record costs for any client (RFC 7208 §4.6.4)
 * and which branch costs what. The only SPF code that asks DNS; what comes out is plain data.
 */
import { isVoid, normalizeName, type Resolver } from "../dns/types.js";
import { parseSpfRecord } from "./parse.js";
import { readSpfRecords } from "./read-records.js";
import {
  namesIn,
  type RecordingResolver,
  type SharedSubtree,
  type SharedSubtrees,
  takeAnswers,
} from "./shared-subtrees.js";
import { impossibleNameReason } from "./target-name.js";
import {
  LOOKUP_MECHANISMS,
  type MechanismTerm,
  type ModifierTerm,
  type Qualifier,
  type SpfAudit,
  type SpfLookupTerm,
  type SpfNode,
  type SpfNodeStatus,
  type SpfNodeVia,
} from "./types.js";

/**
 * A hostile or careless tree can fan out exponentially (each record including ten that include ten…).
 * Past this many nodes the walker stops expanding and says the count is a lower bound; check_host
 * itself would have stopped at 10 lookups long before.
 */
export const MAX_TREE_NODES = 500;

/**
 * Many audited domains include the same provider trees (one `_spf.google.com` for thousands of
 * domains), so a run parses each distinct record once. Parsing is pure; its result is read, never
 * changed. Bounded so a hostile run cannot grow it without end.
 */
const parsedRecords = new Map<string, ReturnType<typeof parseSpfRecord>>();
const MAX_PARSED_RECORDS = 10_000;

function parseShared(record: string): ReturnType<typeof parseSpfRecord> {
  let parsed = parsedRecords.get(record);
  if (!parsed) {
    parsed = parseSpfRecord(record);
    if (parsedRecords.size >= MAX_PARSED_RECORDS) parsedRecords.clear();
    parsedRecords.set(record, parsed);
  }
  return parsed;
}

export interface CollectSpfOptions {
  /** The run's shared include subtrees (shared-subtrees.ts); without it every tree is walked whole. */
  shared?: SharedSubtrees;
}

export async function collectSpf(
  resolver: Resolver,
  domain: string,
  options: CollectSpfOptions = {},
): Promise<SpfAudit> {
  const walker = new TreeWalker(resolver, options.shared);
  const { node: root } = await walker.visit(normalizeName(domain), "root", undefined, []);
  const found = root.status === "ok" || root.status === "multiple";
  return {
    record: root.status === "ok" ? root.record : null,
    records: root.records,
    lookupCount: root.subtreeLookups,
    voidLookupCount: root.subtreeVoidLookups,
    lookupCountIsLowerBound: walker.lowerBound,
    inconclusive: walker.inconclusive,
    tree: found ? root : null,
  };
}

/** The audit of a name that has no SPF record to read (RFC 7208 §4.3: a malformed domain is `none`). */
export function noSpfAudit(): SpfAudit {
  return {
    record: null,
    records: [],
    lookupCount: 0,
    voidLookupCount: 0,
    lookupCountIsLowerBound: false,
    inconclusive: false,
    tree: null,
  };
}

interface Visit {
  node: SpfNode;
  /** The TXT query for this node's name was void (counted against the term that led here). */
  void: boolean;
}

class TreeWalker {
  inconclusive = false;
  lowerBound = false;
  #nodes = 0;

  constructor(
    readonly resolver: Resolver,
    readonly shared?: SharedSubtrees,
  ) {}

  get nodes(): number {
    return this.#nodes;
  }

  async visit(
    name: string,
    via: SpfNodeVia,
    term: string | undefined,
    path: readonly string[],
  ): Promise<Visit> {
    if (path.includes(name)) {
      this.lowerBound = true;
      return { node: emptyNode(name, via, term, "loop"), void: false };
    }
    if (via !== "root" && this.shared) {
      const reused = await this.reuse(name, via, term as string, path);
      if (reused) return reused;
    }
    if (++this.#nodes > MAX_TREE_NODES) {
      this.lowerBound = true;
      return { node: emptyNode(name, via, term, "truncated"), void: false };
    }
    const lookup = await readSpfRecords(this.resolver, name);
    if (lookup.kind === "temperror") {
      this.markInconclusive();
      return { node: emptyNode(name, via, term, "temperror"), void: false };
    }
    const { records } = lookup;
    if (records.length !== 1) {
      const node = emptyNode(name, via, term, records.length === 0 ? "missing" : "multiple");
      node.records = records;
      node.answerBytes = lookup.answerBytes;
      return { node, void: lookup.void };
    }
    const record = records[0] as string;
    const node = await this.evaluate(name, via, term, record, [...path, name]);
    node.answerBytes = lookup.answerBytes;
    return { node, void: false };
  }

  /**
   * The run's clean subtree at `name`, as reached from here (this site's `via` and `term`), or
   * undefined when this walk must go there itself (not clean, a loop with `path`, past the cap, or a
   * question of it failed for this domain).
   */
  async reuse(
    name: string,
    via: Exclude<SpfNodeVia, "root">,
    term: string,
    path: readonly string[],
  ): Promise<Visit | undefined> {
    const subtree = await this.shared?.get(name, this.resolver, (recording) =>
      walkAlone(recording, name, via, term),
    );
    if (!subtree || path.some((p) => subtree.names.has(p))) return undefined;
    if (this.#nodes + subtree.nodes > MAX_TREE_NODES) return undefined;
    if (!(await takeAnswers(this.resolver, subtree.answers))) return undefined;
    this.#nodes += subtree.nodes;
    return { node: { ...subtree.node, via, term }, void: subtree.void };
  }

  /** Counts one record's DNS-querying terms and walks into its include and redirect targets. */
  async evaluate(
    name: string,
    via: SpfNodeVia,
    term: string | undefined,
    record: string,
    path: string[],
  ): Promise<SpfNode> {
    const parsed = parseShared(record);
    const node = emptyNode(name, via, term, "ok");
    node.record = record;
    node.records = [record];
    node.recordBytes = Buffer.byteLength(record, "utf8");
    node.syntaxProblems = parsed.problems;

    // §5.1: mechanisms after "all" MUST be ignored; redirect is ignored whenever "all" is present.
    const allIndex = parsed.terms.findIndex((t) => t.kind === "mechanism" && t.mechanism === "all");
    const all = allIndex === -1 ? undefined : (parsed.terms[allIndex] as MechanismTerm);
    node.allQualifier = all ? all.qualifier : (null as Qualifier | null);
    const redirect = parsed.terms.find(
      (t): t is ModifierTerm => t.kind === "modifier" && t.name === "redirect",
    );
    node.hasRedirect = redirect !== undefined;
    node.redirectIgnored = redirect !== undefined && all !== undefined;

    const mechanisms = parsed.terms
      .slice(0, allIndex === -1 ? undefined : allIndex)
      .filter((t): t is MechanismTerm => t.kind === "mechanism" && LOOKUP_MECHANISMS.has(t.mechanism));
    const steps: Promise<{ lookup: SpfLookupTerm; child?: SpfNode }>[] = mechanisms.map((t) =>
      this.lookupTerm(name, t, path),
    );
    // The redirect is evaluated after every mechanism (§6.1); it counts toward the limit like include.
    if (redirect && !node.redirectIgnored)
      steps.push(this.follow(redirect.text, redirect.value, redirect.hasMacros, "redirect", path));

    for (const { lookup, child } of await Promise.all(steps)) {
      node.lookupTerms.push(lookup);
      if (child) node.children.push(child);
      if (child?.status === "macro") node.uncountableTerms.push(lookup.term);
    }
    node.ptrTerms = mechanisms.filter((t) => t.mechanism === "ptr").map((t) => t.text);
    node.ownLookups = node.lookupTerms.length;
    node.ownVoidLookups = node.lookupTerms.filter((t) => t.void).length;
    node.subtreeLookups = node.ownLookups + sum(node.children.map((c) => c.subtreeLookups));
    node.subtreeVoidLookups = node.ownVoidLookups + sum(node.children.map((c) => c.subtreeVoidLookups));
    return node;
  }

  async lookupTerm(
    current: string,
    term: MechanismTerm,
    path: string[],
  ): Promise<{ lookup: SpfLookupTerm; child?: SpfNode }> {
    if (term.mechanism === "include")
      return this.follow(term.text, term.domainSpec ?? "", term.hasMacros, "include", path);
    // Targets built from macros depend on the connection: the term still costs its one lookup (§4.6.4),
    // but the name is never sent as written, and whether its lookup is void cannot be known statically.
    if (term.hasMacros) return { lookup: { term: term.text, void: false, macro: true } };
    const impossible = term.domainSpec === undefined ? undefined : impossibleNameReason(term.domainSpec);
    if (impossible) return { lookup: { term: term.text, void: false, impossible } };
    const target = normalizeName(term.domainSpec ?? current);
    switch (term.mechanism) {
      case "a":
        return { lookup: { term: term.text, void: await this.addressLookupIsVoid(target) } };
      case "mx": {
        const answer = await this.resolver.query(target, "MX");
        if (answer.kind === "temperror") this.markInconclusive();
        const lookup: SpfLookupTerm = { term: term.text, void: isVoid(answer) };
        if (answer.kind === "ok") lookup.mxHosts = answer.records.length;
        return { lookup };
      }
      case "exists": {
        // §5.7: exists always asks for an A record, even for IPv6 clients.
        const answer = await this.resolver.query(target, "A");
        if (answer.kind === "temperror") this.markInconclusive();
        return { lookup: { term: term.text, void: isVoid(answer) } };
      }
      default:
        // ptr: its query is the client's reverse name, unknown without a connection.
        return { lookup: { term: term.text, void: false } };
    }
  }

  async follow(
    termText: string,
    domainSpec: string,
    hasMacros: boolean,
    via: "include" | "redirect",
    path: string[],
  ): Promise<{ lookup: SpfLookupTerm; child: SpfNode }> {
    if (hasMacros) {
      // Never guessed, never followed: the target is only known for one connection (§7).
      this.lowerBound = true;
      return {
        lookup: { term: termText, void: false, macro: true },
        child: emptyNode(domainSpec, via, termText, "macro"),
      };
    }
    const impossible = impossibleNameReason(domainSpec);
    if (impossible) {
      return {
        lookup: { term: termText, void: false, impossible },
        child: emptyNode(domainSpec, via, termText, "impossible-name"),
      };
    }
    const { node, void: wasVoid } = await this.visit(normalizeName(domainSpec), via, termText, path);
    return { lookup: { term: termText, void: wasVoid }, child: node };
  }

  /**
   * Void-lookup accounting for `a` (our choice, documented): RFC 7208 §4.6.4 says
   *   "SPF implementations SHOULD limit "void lookups" to two. [...] "void lookups" [are] DNS queries
   *   that either return a positive answer (RCODE 0) with an answer count of 0, or return a "Name
   *   Error" (RCODE 3) answer."
   * check_host asks only for the client's address family (A for IPv4, AAAA for IPv6). A static audit
   * has no client, so an `a` term counts as void when it is void for *every* client: both A and AAAA
   * void. A single-stack name is void only for the other family's clients and is not counted.
   * `mx` and `exists` (A only, §5.7) and include/redirect (TXT) have one query each, void as answered.
   * The address lookups of MX hosts are not counted, as in pyspf and mailauth (they fall under the
   * separate 10-address limit of §4.6.4), and are not made at all: only the host count matters here.
   */
  async addressLookupIsVoid(target: string): Promise<boolean> {
    const [a, aaaa] = await Promise.all([
      this.resolver.query(target, "A"),
      this.resolver.query(target, "AAAA"),
    ]);
    if (a.kind === "temperror" || aaaa.kind === "temperror") this.markInconclusive();
    return isVoid(a) && isVoid(aaaa);
  }

  markInconclusive(): void {
    this.inconclusive = true;
    this.lowerBound = true;
  }
}

/** Walks the subtree at `name` on its own, and keeps it only if nothing in it depends on the walk. */
async function walkAlone(
  recording: RecordingResolver,
  name: string,
  via: Exclude<SpfNodeVia, "root">,
  term: string,
): Promise<SharedSubtree | undefined> {
  const walker = new TreeWalker(recording);
  const { node, void: wasVoid } = await walker.visit(name, via, term, []);
  if (walker.inconclusive || walker.lowerBound) return undefined;
  return {
    node,
    void: wasVoid,
    names: namesIn(node),
    nodes: walker.nodes,
    answers: await recording.answers(),
  };
}

/** A node with nothing read or counted yet: the walker fills it in (tests build on it too). */
export function emptyNode(
  domain: string,
  via: SpfNodeVia,
  term: string | undefined,
  status: SpfNodeStatus,
): SpfNode {
  return {
    domain,
    via,
    ...(term === undefined ? {} : { term }),
    status,
    record: null,
    records: [],
    recordBytes: 0,
    answerBytes: 0,
    syntaxProblems: [],
    allQualifier: null,
    hasRedirect: false,
    redirectIgnored: false,
    lookupTerms: [],
    ptrTerms: [],
    uncountableTerms: [],
    ownLookups: 0,
    ownVoidLookups: 0,
    subtreeLookups: 0,
    subtreeVoidLookups: 0,
    children: [],
  };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
