import { createReadStream } from "node:fs";
import { lstat, readdir, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { ByteInput } from "./extract.js";

/**
 * The command-line paths as byte inputs: files, `-` (stdin), folders walked recursively in name
 * order (a Maildir is a folder: its `cur/` and `new/` are read, its `tmp/` holds half-delivered mail
 * and is skipped, and so are the server's own files beside them). Symbolic links to folders met during the walk are not followed, so a link loop
 * cannot trap it.
 */
export type InputItem =
  | { kind: "input"; input: ByteInput }
  | { kind: "unreadable"; name: string; reason: string };

export async function* walkInputs(
  paths: readonly string[],
  stdin: AsyncIterable<Uint8Array>,
  skip: ReadonlySet<string> = new Set(),
): AsyncGenerator<InputItem> {
  for (const path of paths) {
    if (path === "-") yield { kind: "input", input: { name: "-", chunks: stdin } };
    else yield* walkPath(path, skip, true);
  }
}

/** `skip` holds absolute paths never read as inputs (the store's own files, when it sits in a walked folder). */
async function* walkPath(path: string, skip: ReadonlySet<string>, named = false): AsyncGenerator<InputItem> {
  if (skip.has(resolve(path))) return;
  let stats: Awaited<ReturnType<typeof lstat>>;
  try {
    stats = await lstat(path);
    if (stats.isSymbolicLink()) {
      stats = await stat(path);
      // A link to a folder is followed only when named on the command line (~/Maildir may be one);
      // inside the walk it is not, so a link loop cannot trap the walk.
      if (stats.isDirectory() && !named) return;
    }
  } catch (error) {
    yield {
      kind: "unreadable",
      name: path,
      reason: `cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    };
    return;
  }
  if (stats.isFile()) {
    yield { kind: "input", input: { name: path, path, size: stats.size, chunks: createReadStream(path) } };
    return;
  }
  // Inside a folder, FIFOs, sockets and devices are skipped (reading a FIFO would block forever);
  // one named on the command line was not read, and saying nothing would report success.
  if (!stats.isDirectory()) {
    if (named)
      yield {
        kind: "unreadable",
        name: path,
        reason: "not a regular file or folder (FIFO, socket or device): not read",
      };
    return;
  }
  let names: string[];
  try {
    names = (await readdir(path)).sort();
  } catch (error) {
    yield {
      kind: "unreadable",
      name: path,
      reason: `cannot read folder (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    };
    return;
  }
  const isMaildir = names.includes("cur") && names.includes("new");
  for (const name of names) {
    if (isMaildir && !isMaildirMail(name)) continue;
    yield* walkPath(join(path, name), skip);
  }
}

/**
 * In a Maildir, mail lives in `cur/` and `new/`, and Maildir++ subfolders are `.Name/`. Everything
 * else is half-delivered mail (`tmp/`) or the server's state (Dovecot's `dovecot-uidlist`,
 * `dovecot.index*`, `subscriptions`), which would only be refused as "not a report".
 */
function isMaildirMail(name: string): boolean {
  return name === "cur" || name === "new" || (name.startsWith(".") && name !== "." && name !== "..");
}
