import { RefusedInput } from "./refusal.js";

/**
 * Splits an mbox file into messages as it streams: a message starts at a line beginning "From "
 * (the mboxo/mboxrd separator; RFC 4155 §2). Only one message is held at a time, and each is capped:
 * an oversized message is refused alone while the rest of the mailbox is still read.
 */
export type MboxItem =
  | { kind: "message"; index: number; content: Buffer }
  | { kind: "refused"; index: number; reason: string };

export async function* mboxMessages(
  chunks: AsyncIterable<Uint8Array>,
  maxBytes: number,
): AsyncGenerator<MboxItem> {
  let index = 0;
  let lines: Buffer[] = [];
  let size = 0;
  let oversized = false;
  let partial: Buffer = Buffer.alloc(0);

  function* finish(): Generator<MboxItem> {
    if (index === 0) return;
    if (oversized)
      yield {
        kind: "refused",
        index,
        reason: new RefusedInput(`message exceeds the size limit (--max-size)`).message,
      };
    else if (lines.length > 0) yield { kind: "message", index, content: Buffer.concat(lines) };
    lines = [];
    size = 0;
    oversized = false;
  }

  function* line(text: Buffer): Generator<MboxItem> {
    if (text.subarray(0, 5).toString("latin1") === "From ") {
      yield* finish();
      index++;
      return; // the separator line is not part of the message
    }
    if (index === 0) index = 1; // content before any separator: treat as the first message
    if (oversized) return;
    size += text.length;
    if (size > maxBytes) {
      oversized = true;
      lines = [];
      return;
    }
    lines.push(text);
  }

  for await (const chunk of chunks) {
    let data = partial.length > 0 ? Buffer.concat([partial, chunk]) : Buffer.from(chunk);
    for (let newline = data.indexOf(0x0a); newline !== -1; newline = data.indexOf(0x0a)) {
      yield* line(data.subarray(0, newline + 1));
      data = data.subarray(newline + 1);
    }
    // A line longer than the cap cannot be part of an acceptable message: stop buffering it.
    partial = data.length > maxBytes ? Buffer.alloc(0) : Buffer.from(data);
    if (data.length > maxBytes) oversized = true;
  }
  if (partial.length > 0) yield* line(partial);
  yield* finish();
}
