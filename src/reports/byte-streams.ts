/** Small helpers over async byte streams, shared by the container readers. */

export interface Peeked {
  head: Buffer;
  /** The whole stream again, the head included. */
  chunks: AsyncIterable<Uint8Array>;
}

/** Reads at least `bytes` bytes (or to the end) so content can be sniffed, without losing them. */
export async function peek(chunks: AsyncIterable<Uint8Array>, bytes: number): Promise<Peeked> {
  const iterator = chunks[Symbol.asyncIterator]();
  const parts: Uint8Array[] = [];
  let length = 0;
  let finished = false;
  while (length < bytes) {
    const next = await iterator.next();
    if (next.done) {
      finished = true;
      break;
    }
    parts.push(next.value);
    length += next.value.length;
  }
  const head = Buffer.concat(parts);
  async function* replay(): AsyncGenerator<Uint8Array> {
    try {
      if (head.length > 0) yield head;
      if (finished) return;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    } finally {
      // Stopping early must release the source (file descriptor, zlib stream, zip entry).
      await iterator.return?.();
    }
  }
  return { head, chunks: replay() };
}

export async function* once(buffer: Uint8Array): AsyncGenerator<Uint8Array> {
  if (buffer.length > 0) yield buffer;
}
