import { QuestionMap } from "./question-map.js";
import { type DnsAnswer, normalizeName, type RecordData, type RecordType, type Resolver } from "./types.js";

/**
 * Asks each unique (name, type) once per run, even when many domains' audits ask it at the same
 * moment: the first caller's promise is shared by every later one (in-flight de-duplication).
 * Temporary failures are cached too, so one dead server is not asked again and again in one run.
 */
export class CachingResolver implements Resolver {
  readonly #inner: Resolver;
  /** By type, then normalized name. */
  readonly #answers = new QuestionMap<Promise<DnsAnswer<unknown>>>();
  #upstreamQueries = 0;

  constructor(inner: Resolver) {
    this.#inner = inner;
  }

  query<T extends RecordType>(name: string, type: T): Promise<DnsAnswer<RecordData[T]>> {
    const key = normalizeName(name);
    let answer = this.#answers.get(type, key);
    if (!answer) {
      this.#upstreamQueries++;
      answer = this.#inner.query(name, type);
      this.#answers.set(type, key, answer);
    }
    return answer as Promise<DnsAnswer<RecordData[T]>>;
  }

  /** How many questions were passed on to the inner resolver. */
  get upstreamQueries(): number {
    return this.#upstreamQueries;
  }
}
