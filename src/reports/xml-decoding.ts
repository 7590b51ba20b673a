import { RefusedInput } from "./refusal.js";

/**
 * Bytes → text for an XML document, as a stream. The encoding comes from the byte-order mark, else
 * from the XML declaration (XML 1.0 §4.3.3 and appendix F: a document without either is UTF-8).
 * Reporters do send ISO-8859-1 / windows-1252; TextDecoder knows the WHATWG labels for them.
 * Bytes invalid in that encoding become U+FFFD (counted by the caller as a repair), rather than the
 * whole report being lost over one bad byte in a header_from.
 */
export interface DecodedXml {
  encoding: string;
  text: AsyncGenerator<string>;
}

const SNIFF_BYTES = 1024;

export async function decodeXml(chunks: AsyncIterable<Uint8Array>): Promise<DecodedXml> {
  const iterator = chunks[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let headLength = 0;
  let done = false;
  while (headLength < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    head.push(next.value);
    headLength += next.value.length;
  }
  const first = Buffer.concat(head);
  const label = detectEncoding(first);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: false, ignoreBOM: false });
  } catch {
    throw new RefusedInput(`unsupported character encoding "${label}"`);
  }
  async function* text(): AsyncGenerator<string> {
    // TextDecoder drops a byte-order mark itself (ignoreBOM: false).
    if (first.length > 0) yield decoder.decode(first, { stream: true });
    while (!done) {
      const next = await iterator.next();
      if (next.done) break;
      yield decoder.decode(next.value, { stream: true });
    }
    const tail = decoder.decode();
    if (tail) yield tail;
  }
  return { encoding: decoder.encoding, text: text() };
}

function detectEncoding(first: Buffer): string {
  if (first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf) return "utf-8";
  if (first[0] === 0xff && first[1] === 0xfe) return "utf-16le";
  if (first[0] === 0xfe && first[1] === 0xff) return "utf-16be";
  // The declaration itself is ASCII in every encoding we accept, so latin1 reads it safely.
  const declaration = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(
    first.toString("latin1"),
  );
  return declaration?.[1]?.toLowerCase() ?? "utf-8";
}
