import type { DatabaseSync } from "node:sqlite";

/**
 * How far one IMAP folder has been read (RFC 9051 §2.3.1.1): UIDs only grow within one UIDVALIDITY,
 * so "every UID up to `lastUid` is done" is all a cron run needs to fetch nothing old. A different
 * UIDVALIDITY means the server renumbered the folder; the cursor no longer applies.
 */
export interface ImapCursor {
  uidValidity: number;
  lastUid: number;
}

/** The cursor of `folder` in `account` (`user@host:port`), if this store has read it before. */
export function readImapCursor(db: DatabaseSync, account: string, folder: string): ImapCursor | undefined {
  const row = db
    .prepare("SELECT uid_validity, last_uid FROM imap_cursors WHERE account = ? AND folder = ?")
    .get(account, folder) as { uid_validity: number; last_uid: number } | undefined;
  return row ? { uidValidity: Number(row.uid_validity), lastUid: Number(row.last_uid) } : undefined;
}

/**
 * Records that every message up to `cursor.lastUid` is done. Never moves backwards within one
 * UIDVALIDITY, so two overlapping cron runs cannot undo each other's progress.
 */
export function saveImapCursor(db: DatabaseSync, account: string, folder: string, cursor: ImapCursor): void {
  db.prepare(
    `INSERT INTO imap_cursors (account, folder, uid_validity, last_uid, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (account, folder) DO UPDATE SET
       last_uid = CASE WHEN uid_validity = excluded.uid_validity THEN max(last_uid, excluded.last_uid) ELSE excluded.last_uid END,
       uid_validity = excluded.uid_validity,
       updated_at = excluded.updated_at`,
  ).run(account, folder, cursor.uidValidity, cursor.lastUid, Date.now());
}
