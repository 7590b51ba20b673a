import type { DnsAnswer, LookupFailure, RecordData, RecordType, Resolver } from "../dns/types.js";

/**
 * Wraps the run's resolver for one domain's audit and notes every question that got no verdict, so
 * the snapshot says exactly what made it inconclusive (rule `dns/lookup-failed`).
 */
export class FailureRecorder implements Resolver {
  readonly failures: LookupFailure[] = [];
  readonly #seen = new Set<string>();

  constructor(readonly inner: Resolver) {}

  async query<T extends RecordType>(name: string, type: T): Promise<DnsAnswer<RecordData[T]>> {
    const answer = await this.inner.query(name, type);
    if (answer.kind === "temperror") this.note({ name, type, reason: answer.reason });
    return answer;
  }

  /**
   * Notes a failure a collector found beyond single answers, e.g. a CNAME loop served by an
   * authoritative server as a looping chain with NOERROR (a recursive resolver would SERVFAIL).
   */
  note(failure: LookupFailure): void {
    const key = `${failure.type} ${failure.name.toLowerCase()}`;
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    this.failures.push(failure);
  }
}
