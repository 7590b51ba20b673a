import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { capBytes } from "./limits.js";

/**
 * Streaming gunzip with an output cap: a gzip bomb is refused after `maxBytes` of output, never
 * inflated in memory (LIBRARIES.md §6). Concatenated members are read as one stream (RFC 1952 §2.2);
 * zlib ignores trailing bytes that are not another member (Mimecast appends CRLF).
 */
export async function* gunzip(chunks: AsyncIterable<Uint8Array>, maxBytes: number, what: string): AsyncGenerator<Uint8Array> {
  const source = Readable.from(chunks, { objectMode: false });
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
    // zlib reads bytes after a complete member as the header of another one; "incorrect header
    // check" there means trailing garbage, not a damaged report (corruption inside a member gives
    // other errors, and the member's CRC-32 was already verified, RFC 1952 §2.3.1).
    const code = (error as NodeJS.ErrnoException).code;
    if (!(code === "Z_DATA_ERROR" && produced > 0 && /incorrect header check/.test(String((error as Error).message)))) throw error;
  } finally {
    source.destroy();
    inflater.destroy();
  }
}
