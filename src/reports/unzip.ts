import type { Readable } from "node:stream";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import { capBytes, formatMegabytes, type ReadLimits } from "./limits.js";
import { RefusedInput } from "./refusal.js";

/**
 * Zip archives through yauzl: entries one at a time (`lazyEntries`), declared sizes
 * checked before inflating, real sizes checked while inflating (`validateEntrySizes` catches headers
 * that lie), a cap on the number of entries. File names are only labels here (nothing is written to
 * disk), but an entry whose name climbs out of the archive (zip-slip) is ignored and named.
 */
export type ZipItem =
  | { kind: "entry"; name: string; chunks: AsyncIterable<Uint8Array> }
  | { kind: "refused"; name: string; reason: string };

export type ZipSource = { path: string } | { buffer: Buffer };

export async function* zipEntries(source: ZipSource, limits: ReadLimits): AsyncGenerator<ZipItem> {
  const zip = await openZip(source);
  try {
    let count = 0;
    for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
      const name = entryName(entry);
      if (name.endsWith("/")) continue; // a directory
      if (++count > limits.maxZipEntries) {
        yield {
          kind: "refused",
          name,
          reason: `more than ${limits.maxZipEntries} entries in one archive: the rest are ignored`,
        };
        return;
      }
      const refusal = entryRefusal(entry, name, limits);
      if (refusal) {
        yield { kind: "refused", name, reason: refusal };
        continue;
      }
      const stream = await openEntry(zip, entry);
      try {
        yield { kind: "entry", name, chunks: capBytes(stream, limits.maxBytes, "zip entry") };
      } finally {
        stream.destroy();
      }
    }
  } finally {
    zip.close();
  }
}

function entryRefusal(entry: Entry, name: string, limits: ReadLimits): string | undefined {
  if (isUnsafePath(name)) return "unsafe path in zip (zip-slip): entry ignored";
  if ((entry.generalPurposeBitFlag & 0x1) !== 0) return "encrypted zip entry";
  if (entry.uncompressedSize > limits.maxBytes) {
    return `zip entry declares ${formatMegabytes(entry.uncompressedSize)}, over the size limit of ${formatMegabytes(limits.maxBytes)} (--max-size)`;
  }
  return undefined;
}

/** Absolute paths, drive letters and `..` segments (APPNOTE §4.4.17: names are relative, "/"-separated). */
function isUnsafePath(name: string): boolean {
  const normalized = name.replaceAll("\\", "/");
  return normalized.startsWith("/") || /^[A-Za-z]:/.test(normalized) || normalized.split("/").includes("..");
}

function entryName(entry: Entry): string {
  // decodeStrings:false leaves the raw bytes, so we decide what an unsafe name is ourselves.
  const raw = entry.fileName as unknown as Buffer | string;
  const name =
    typeof raw === "string"
      ? raw
      : raw.toString((entry.generalPurposeBitFlag & 0x800) !== 0 ? "utf8" : "latin1");
  return name === "" ? "(unnamed entry)" : name;
}

const OPTIONS = {
  lazyEntries: true,
  validateEntrySizes: true,
  decodeStrings: false,
  autoClose: false,
} as const;

function openZip(source: ZipSource): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, zip?: ZipFile) =>
      error || !zip ? reject(asRefusal(error)) : resolve(zip);
    if ("path" in source) yauzl.open(source.path, OPTIONS, done);
    else yauzl.fromBuffer(source.buffer, OPTIONS, done);
  });
}

function nextEntry(zip: ZipFile): Promise<Entry | undefined> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off("entry", onEntry);
      zip.off("end", onEnd);
      zip.off("error", onError);
    };
    const onEntry = (entry: Entry) => {
      cleanup();
      resolve(entry);
    };
    const onEnd = () => {
      cleanup();
      resolve(undefined);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(asRefusal(error));
    };
    zip.on("entry", onEntry);
    zip.on("end", onEnd);
    zip.on("error", onError);
    zip.readEntry();
  });
}

function openEntry(zip: ZipFile, entry: Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) =>
      error || !stream ? reject(asRefusal(error)) : resolve(stream),
    );
  });
}

function asRefusal(error: Error | null | undefined): RefusedInput {
  return new RefusedInput(`unreadable zip archive: ${error?.message ?? "unknown error"}`);
}
