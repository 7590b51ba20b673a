/**
 * Everything the bench starts (servers, temp dirs) registers how to undo itself here, so that a
 * normal end, a failure and Ctrl-C all leave the machine as it was.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const undoers = [];
/** Undone before everything else: running children must stop before their servers and dirs go. */
const firstUndoers = [];

/** Registers `undo` to run at cleanup, most recent first. */
export function onCleanup(undo) {
  undoers.push(undo);
}

/** Registers `undo` to run before all the others (killing still-running measured children). */
export function onCleanupFirst(undo) {
  firstUndoers.push(undo);
}

let cleaningUp = false;

/** True once cleanup has begun: nothing new may be started then. */
export function isCleaningUp() {
  return cleaningUp;
}

export async function cleanupAll() {
  cleaningUp = true;
  const all = [...undoers, ...firstUndoers.splice(0)];
  undoers.length = 0;
  while (all.length > 0) {
    const undo = all.pop();
    try {
      await undo();
    } catch (error) {
      process.stderr.write(`bench: cleanup step failed: ${error.message}\n`);
    }
  }
}

/** A fresh temp dir, removed at cleanup. */
export function makeTempDir(label) {
  const dir = mkdtempSync(join(tmpdir(), `mailaudit-bench-${label}-`));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Ctrl-C or a kill: undo everything, then exit with the conventional signal status. */
export function cleanupOnSignals() {
  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
    ["SIGHUP", 129],
  ]) {
    process.once(signal, () => {
      process.stderr.write(`\nbench: ${signal}, cleaning up\n`);
      cleanupAll().finally(() => process.exit(code));
    });
  }
}
