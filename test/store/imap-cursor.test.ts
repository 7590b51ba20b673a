import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DatabaseSync } from "node:sqlite";
import { afterEach, beforeEach, expect, it } from "vitest";
import { readImapCursor, saveImapCursor } from "../../src/store/imap-cursor.js";
import { openStore } from "../../src/store/open-store.js";

let dir: string;
let db: DatabaseSync;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "mailaudit-cursor-"));
  db = openStore(join(dir, "store.db"));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

it("keeps one cursor per account and folder", () => {
  expect(readImapCursor(db, "u@h:993", "INBOX")).toBeUndefined();
  saveImapCursor(db, "u@h:993", "INBOX", { uidValidity: 7, lastUid: 10 });
  saveImapCursor(db, "u@h:993", "dmarc", { uidValidity: 8, lastUid: 3 });
  saveImapCursor(db, "v@h:993", "INBOX", { uidValidity: 7, lastUid: 99 });
  expect(readImapCursor(db, "u@h:993", "INBOX")).toEqual({ uidValidity: 7, lastUid: 10 });
  expect(readImapCursor(db, "u@h:993", "dmarc")).toEqual({ uidValidity: 8, lastUid: 3 });
  expect(readImapCursor(db, "v@h:993", "INBOX")).toEqual({ uidValidity: 7, lastUid: 99 });
});

it("never moves backwards within one UIDVALIDITY, and starts over when it changes", () => {
  saveImapCursor(db, "u@h:993", "INBOX", { uidValidity: 7, lastUid: 10 });
  saveImapCursor(db, "u@h:993", "INBOX", { uidValidity: 7, lastUid: 4 });
  expect(readImapCursor(db, "u@h:993", "INBOX")).toEqual({ uidValidity: 7, lastUid: 10 });
  saveImapCursor(db, "u@h:993", "INBOX", { uidValidity: 9, lastUid: 2 });
  expect(readImapCursor(db, "u@h:993", "INBOX")).toEqual({ uidValidity: 9, lastUid: 2 });
});

it("survives reopening the store (the cursor is in the file, not the process)", () => {
  saveImapCursor(db, "u@h:993", "INBOX", { uidValidity: 4_294_967_295, lastUid: 4_294_967_000 });
  db.close();
  db = openStore(join(dir, "store.db"));
  expect(readImapCursor(db, "u@h:993", "INBOX")).toEqual({
    uidValidity: 4_294_967_295,
    lastUid: 4_294_967_000,
  });
});
