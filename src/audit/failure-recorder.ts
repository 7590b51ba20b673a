import type {
  AnsweredQuestion,
  DnsAnswer,
  LookupFailure,
  RecordData,
  RecordType,
  Resolver,
} from "../dns/types.js";

/**
 * Wraps the run's resolver for one domain's audit and notes every question that got no verdict, so
 * the snapshot says exactly what made it inconclusive (rule `dns/lookup-failed`), every name
 * taken as non-existent without asking (`--offline`, rule `dns/assumed-absent`), and every question
 * that was answered, with its TTL and DNSSEC status (the snapshot's `answers`).
 */
export class FailureRecorder implements Resolver {
  readonly failures: LookupFailure[] = [];
  readonly answers: AnsweredQuestion[] = [];
  readonly #seen = new Set<string>();
  readonly #assumedAbsent = new Set<string>();
  readonly #answered = new Set<string>();

  constructor(readonly inner: Resolver) {}

  async query<T extends RecordType>(name: string, type: T): Promise<DnsAnswer<RecordData[T]>> {
    const answer = await this.inner.query(name, type);
    const key = `${type} ${name.toLowerCase()}`;
    if (answer.kind === "temperror") {
      if (!this.#seen.has(key)) {
        this.#seen.add(key);
        this.failures.push({ name, type, reason: answer.reason });
      }
    } else if (answer.kind === "nxdomain" && answer.assumedAbsent !== undefined) {
      // Not an answer: nobody was asked.
      this.#assumedAbsent.add(answer.assumedAbsent);
    } else if (!this.#answered.has(key)) {
      this.#answered.add(key);
      this.answers.push({
        name,
        type,
        result: answer.kind,
        ...(answer.ttl === undefined ? {} : { ttl: answer.ttl }),
        ...(answer.dnssec === undefined ? {} : { dnssec: answer.dnssec }),
      });
    }
    return answer;
  }

  /** The names answered as non-existent without a question being sent, sorted. */
  get assumedAbsent(): string[] {
    return [...this.#assumedAbsent].sort();
  }
}
