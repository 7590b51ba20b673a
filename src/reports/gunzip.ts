import { Readable } from "node:stream";
import { createGunzip, gunzipSync } from "node:zlib";
import { capBytes } from "./limits.js";
import { RefusedInput } from "./refusal.js";

/**
 * Streaming gunzip with an output cap: a gzip bomb is refused after `maxBytes` of output, never
 * inflated in memory. Concatenated members are read as one stream (RFC 1952 §2.2).
 */
export async function* gunzip(
  chunks: AsyncIterable<Uint8Array>,
  maxBytes: number,
  what: string,
): AsyncGenerator<Uint8Array> {
  const compressed = new CompressedTee(TRAILING_GARBAGE_RETRY_LIMIT);
  const source = Readable.from(compressed.tee(chunks), { objectMode: false });
  const inflater = createGunzip();
  source.on("error", (error) => inflater.destroy(error));
  source.pipe(inflater);
  let produced = 0;
  try {
    for await (const chunk of capBytes(inflater, maxBytes, `${what} (decompressed)`)) {
      produced += chunk.length;
      yield chunk;
    }
  } catch (error) {
    const input = compressed.whole();
    if (!(produced === 0 && input && isTrailingGarbage(error))) throw error;
    yield withoutTrailingGarbage(input, maxBytes, what);
  } finally {
    source.destroy();
    inflater.destroy();
  }
}

/**
 * Mimecast appends CRLF after the gzip member. zlib then reads those bytes as the header of a second
 * member and fails with "incorrect header check", discarding the output of that write. For small
 * inputs (buffered here anyway) we find the end of the member by dropping trailing bytes until the
 * rest inflates; the member's CRC-32 and size (RFC 1952 §2.3.1) still prove it complete.
 */
export const TRAILING_GARBAGE_RETRY_LIMIT = 4 * 1024 * 1024;
const MAX_TRAILING_BYTES = 64;

function isTrailingGarbage(error: unknown): boolean {
  return (
    (error as NodeJS.ErrnoException).code === "Z_DATA_ERROR" &&
    /incorrect header check/.test(String((error as Error).message))
  );
}

function withoutTrailingGarbage(input: Buffer, maxBytes: number, what: string): Buffer {
  for (let dropped = 1; dropped <= MAX_TRAILING_BYTES && dropped < input.length; dropped++) {
    try {
      return gunzipSync(input.subarray(0, input.length - dropped), { maxOutputLength: maxBytes });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
        throw new RefusedInput(`${what} (decompressed) exceeds the size limit (--max-size)`);
      }
    }
  }
  throw new RefusedInput(`${what}: damaged gzip data (incorrect header check)`);
}

/** Keeps a copy of the compressed bytes while they are small; gives up the copy past `limit`. */
class CompressedTee {
  #parts: Uint8Array[] | undefined = [];
  #length = 0;
  constructor(readonly limit: number) {}

  async *tee(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    for await (const chunk of chunks) {
      if (this.#parts) {
        this.#length += chunk.length;
        if (this.#length > this.limit) this.#parts = undefined;
        else this.#parts.push(chunk);
      }
      yield chunk;
    }
  }

  whole(): Buffer | undefined {
    return this.#parts ? Buffer.concat(this.#parts) : undefined;
  }
}
