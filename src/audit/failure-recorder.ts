import { QuestionMap } from "../dns/question-map.js";
import {
  type AnsweredQuestion,
  type DnsAnswer,
  type KnownAnswer,
  type LookupFailure,
  type RecordData,
  type RecordType,
  type Resolver,
  type TakesKnownAnswers,
  takesKnownAnswers,
  type UncheckedRecord,
} from "../dns/types.js";

/**
 * Wraps the run's resolver for one domain's audit and notes every question that got no verdict, so
 * the snapshot says exactly what made it inconclusive (rule `dns/lookup-failed`), every name
 * taken as non-existent without asking (`--offline`, rule `dns/assumed-absent`), every record a
 * `--zone` input holds without its data (rule `dns/not-checked`), and every question that was
 * answered, with its TTL and DNSSEC status (the snapshot's `answers`).
 */
export class FailureRecorder implements TakesKnownAnswers {
  readonly failures: LookupFailure[] = [];
  readonly answers: AnsweredQuestion[] = [];
  // Questions by type, then lower-cased name (shared SPF subtrees note ~20 answers per domain;
  // lower-casing a lower-case name returns it as is).
  readonly #seen = new QuestionMap<true>();
  readonly #assumedAbsent = new Set<string>();
  readonly #answered = new QuestionMap<true>();
  readonly #notChecked = new Map<string, UncheckedRecord>();

  constructor(readonly inner: Resolver) {}

  async query<T extends RecordType>(name: string, type: T): Promise<DnsAnswer<RecordData[T]>> {
    const answer = await this.inner.query(name, type);
    this.#note(name, type, answer);
    return answer;
  }

  /** Notes answers the run already had (a shared SPF subtree's) as if asked here, if the inner resolver takes them. */
  takeKnown(answers: readonly KnownAnswer[]): boolean {
    if (takesKnownAnswers(this.inner) && !this.inner.takeKnown(answers)) return false;
    for (const { name, type, answer } of answers) this.#note(name, type, answer);
    return true;
  }

  #note(name: string, type: RecordType, answer: DnsAnswer<unknown>): void {
    const lowerName = name.toLowerCase();
    if (answer.notChecked)
      for (const record of answer.notChecked) this.#notChecked.set(uncheckedKey(record), record);
    if (answer.kind === "temperror") {
      // With notChecked no server failed: a zone holds the record without its data (listed above).
      if (!answer.notChecked && this.#seen.add(type, lowerName, true)) {
        this.failures.push({ name, type, reason: answer.reason });
      }
    } else if (answer.kind === "nxdomain" && answer.assumedAbsent !== undefined) {
      // Not an answer: nobody was asked.
      this.#assumedAbsent.add(answer.assumedAbsent);
    } else if (this.#answered.add(type, lowerName, true)) {
      // Properties set in place, in this order (the JSON's): two object spreads per answer cost
      // measurable CPU in a 500-domain run.
      const answered: AnsweredQuestion = { name, type, result: answer.kind };
      if (answer.ttl !== undefined) answered.ttl = answer.ttl;
      if (answer.dnssec !== undefined) answered.dnssec = answer.dnssec;
      this.answers.push(answered);
    }
  }

  /** The names answered as non-existent without a question being sent, sorted. */
  get assumedAbsent(): string[] {
    return [...this.#assumedAbsent].sort();
  }

  /** The records held without their data that questions met, sorted by where they are written. */
  get notChecked(): UncheckedRecord[] {
    return [...this.#notChecked].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, record]) => record);
  }
}

function uncheckedKey(record: UncheckedRecord): string {
  return `${record.source}\u0000${record.name ?? ""}\u0000${record.type ?? ""}`;
}
