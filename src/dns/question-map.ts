import type { RecordType } from "./types.js";

/**
 * Values by DNS question: by type, then name (as the caller normalizes it). Not one map keyed by
 * `${type} ${name}`: that key was a new string to build, flatten and hash for every question asked
 * (a 500-domain `check` asks tens of thousands, mostly cache hits), while a name string keeps its
 * hash cached on it.
 */
export class QuestionMap<V> {
  readonly #byType = new Map<RecordType, Map<string, V>>();

  get(type: RecordType, name: string): V | undefined {
    return this.#byType.get(type)?.get(name);
  }

  set(type: RecordType, name: string, value: V): void {
    let byName = this.#byType.get(type);
    if (byName === undefined) {
      byName = new Map();
      this.#byType.set(type, byName);
    }
    byName.set(name, value);
  }

  /** Adds the question with `value` unless it is there; false when it was. */
  add(type: RecordType, name: string, value: V): boolean {
    if (this.get(type, name) !== undefined) return false;
    this.set(type, name, value);
    return true;
  }
}
