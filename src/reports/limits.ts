import { RefusedInput } from "./refusal.js";

/** Bounds on everything read from an untrusted input (gzip/zip bombs, giant mails, nesting loops). */
export interface ReadLimits {
  /** Largest input, decompressed stream, zip entry or e-mail, in bytes (`--max-size`). */
  maxBytes: number;
  /** Most entries read from one zip archive. */
  maxZipEntries: number;
  /** Most containers inside containers (gzip in zip in e-mail in mbox …). */
  maxDepth: number;
}

export const DEFAULT_MAX_MB = 64;

export function limitsForMegabytes(megabytes: number): ReadLimits {
  return { maxBytes: Math.floor(megabytes * 1024 * 1024), maxZipEntries: 1000, maxDepth: 6 };
}

/** The refusal of `what` for holding more than `maxBytes`. */
export function overSizeLimit(what: string, maxBytes: number): RefusedInput {
  return new RefusedInput(`${what} exceeds the size limit of ${formatMegabytes(maxBytes)} (--max-size)`);
}

/** Passes chunks through, refusing the input as soon as more than `maxBytes` have gone by. */
export async function* capBytes(
  chunks: AsyncIterable<Uint8Array>,
  maxBytes: number,
  what: string,
): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.length;
    if (total > maxBytes) throw overSizeLimit(what, maxBytes);
    yield chunk;
  }
}

/** Reads a whole (capped) stream into one buffer: only for inputs that need random access. */
export async function readAll(
  chunks: AsyncIterable<Uint8Array>,
  maxBytes: number,
  what: string,
): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const chunk of capBytes(chunks, maxBytes, what)) parts.push(chunk);
  return Buffer.concat(parts);
}

export function formatMegabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 100) / 100} MB`;
}
