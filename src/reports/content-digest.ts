import { createHash } from "node:crypto";

/** A byte stream read through a SHA-256, whatever part of it the reader took. */
export interface DigestedBytes {
  /** The bytes, hashed as they pass. */
  bytes: AsyncIterable<Uint8Array>;
  /** Reads what the reader left and returns the hex SHA-256 of the whole stream (once; then cached). */
  digest(): Promise<string>;
  /** Stops reading without hashing the rest (a refused report: no digest is wanted). */
  abandon(): Promise<void>;
}

/**
 * Hashes a report's XML as it is read, so a report whose identity is stored already can be told
 * from a copy: the parser may stop at the header of a duplicate, and `digest` then reads the rest
 * (hashing only, no parsing).
 */
export function digestBytes(source: AsyncIterable<Uint8Array>): DigestedBytes {
  const hash = createHash("sha256");
  const iterator = source[Symbol.asyncIterator]();
  let result: string | undefined;
  const next = async (): Promise<IteratorResult<Uint8Array>> => {
    const item = await iterator.next();
    if (!item.done) hash.update(item.value);
    return item;
  };
  return {
    // No `return` method: a reader that stops early leaves the rest for `digest`.
    bytes: { [Symbol.asyncIterator]: () => ({ next }) },
    async digest() {
      if (result === undefined) {
        while (!(await next()).done) {}
        result = hash.digest("hex");
      }
      return result;
    },
    async abandon() {
      await iterator.return?.();
    },
  };
}
