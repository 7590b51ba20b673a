import { once, peek } from "./byte-streams.js";
import { mailAttachments } from "./email.js";
import { gunzip } from "./gunzip.js";
import { capBytes, overSizeLimit, type ReadLimits, readAll } from "./limits.js";
import { mboxMessages } from "./mbox.js";
import { NoReportInMessage, RefusedInput, refusalReason } from "./refusal.js";
import { SNIFF_LENGTH, sniff } from "./sniff.js";
import { zipEntries } from "./unzip.js";

/**
 * Unwraps one input into the XML reports it holds, whatever the nesting (a zip in a gzip in an e-mail
 * in an mbox), recognising each layer by content. Each report is yielded as a byte stream that the
 * caller must read (or abandon) before asking for the next one: zip entries are read in order.
 */
export type Extracted =
  | { kind: "report"; name: string; bytes: AsyncIterable<Uint8Array> }
  | { kind: "refused"; name: string; reason: string; noReport?: true };

export interface ByteInput {
  /** How the user will recognise it: a path, `-`, or `path!entry` for what is inside a container. */
  name: string;
  chunks: AsyncIterable<Uint8Array>;
  /** Set for a file on disk: zip archives are then read in place, not into memory. */
  path?: string;
  /** The file's size in bytes, when `chunks` are a whole file on disk. */
  size?: number;
  /**
   * The layer these bytes came out of when it keeps the input's name (a gzip stream), so a refusal
   * says the wrapper was read and its content is what is wrong.
   */
  unwrappedFrom?: "gzip";
}

/** Inside an e-mail, parts that are no report (a logo, a text part) are skipped, not refused. */
type Unrecognized = "refuse" | "skip";

export async function* extractReports(
  input: ByteInput,
  limits: ReadLimits,
  depth = 0,
  unrecognized: Unrecognized = "refuse",
): AsyncGenerator<Extracted> {
  try {
    yield* unwrap(input, limits, depth, unrecognized);
  } catch (error) {
    yield {
      kind: "refused",
      name: input.name,
      reason: refusalReason(error),
      ...(error instanceof NoReportInMessage ? { noReport: true as const } : {}),
    };
  }
}

async function* unwrap(
  input: ByteInput,
  limits: ReadLimits,
  depth: number,
  unrecognized: Unrecognized,
): AsyncGenerator<Extracted> {
  if (depth > limits.maxDepth) throw new RefusedInput(`containers nested more than ${limits.maxDepth} deep`);
  const { head, chunks } = await peek(input.chunks, SNIFF_LENGTH);
  const kind = sniff(head);
  switch (kind) {
    case "xml":
      // A plain XML file is the report itself, so one over the limit is refused by its size: read
      // and parsed up to the limit, a 100 MB file took ~4 s to be refused.
      if (input.size !== undefined && input.size > limits.maxBytes)
        throw overSizeLimit("report", limits.maxBytes);
      yield { kind: "report", name: input.name, bytes: capBytes(chunks, limits.maxBytes, "report") };
      return;
    case "gzip":
      yield* extractReports(
        { name: input.name, chunks: gunzip(chunks, limits.maxBytes, "gzip stream"), unwrappedFrom: "gzip" },
        limits,
        depth + 1,
        unrecognized,
      );
      return;
    case "zip":
      yield* fromZip(input, chunks, limits, depth);
      return;
    case "email":
      yield* fromEmail(input.name, await readAll(chunks, limits.maxBytes, "e-mail"), limits, depth);
      return;
    case "mbox":
      yield* fromMbox(input.name, chunks, limits, depth);
      return;
    case "empty":
      if (unrecognized === "refuse")
        throw new RefusedInput(
          input.unwrappedFrom ? `${input.unwrappedFrom} stream holds nothing` : "empty file",
        );
      return;
    case "unknown":
      if (unrecognized === "refuse")
        throw new RefusedInput(
          input.unwrappedFrom
            ? `not a DMARC report: a ${input.unwrappedFrom} stream whose decompressed content is not XML, gzip, zip, e-mail or mbox`
            : "not a DMARC report (content is not XML, gzip, zip, e-mail or mbox)",
        );
      return;
  }
}

async function* fromZip(
  input: ByteInput,
  chunks: AsyncIterable<Uint8Array>,
  limits: ReadLimits,
  depth: number,
): AsyncGenerator<Extracted> {
  let source: { path: string } | { buffer: Buffer };
  if (input.path !== undefined) {
    source = { path: input.path };
    // The archive is read in place; stop the sniffing stream.
    await chunks[Symbol.asyncIterator]().return?.();
  } else {
    source = { buffer: await readAll(chunks, limits.maxBytes, "zip archive") };
  }
  for await (const item of zipEntries(source, limits)) {
    const name = `${input.name}!${item.name}`;
    if (item.kind === "refused") yield { kind: "refused", name, reason: item.reason };
    else yield* extractReports({ name, chunks: item.chunks }, limits, depth + 1);
  }
}

async function* fromEmail(
  name: string,
  message: Buffer,
  limits: ReadLimits,
  depth: number,
): AsyncGenerator<Extracted> {
  let found = 0;
  for (const part of await mailAttachments(message)) {
    for await (const item of extractReports(
      { name: `${name}!${part.name}`, chunks: once(part.content) },
      limits,
      depth + 1,
      "skip",
    )) {
      found++;
      yield item;
    }
  }
  if (found === 0) throw new NoReportInMessage();
}

async function* fromMbox(
  name: string,
  chunks: AsyncIterable<Uint8Array>,
  limits: ReadLimits,
  depth: number,
): AsyncGenerator<Extracted> {
  for await (const item of mboxMessages(chunks, limits.maxBytes)) {
    const messageName = `${name}#${item.index}`;
    if (item.kind === "refused") yield { kind: "refused", name: messageName, reason: item.reason };
    else yield* extractReports({ name: messageName, chunks: once(item.content) }, limits, depth + 1);
  }
}
