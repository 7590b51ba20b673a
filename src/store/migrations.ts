/**
 * Schema migrations, applied in order; `PRAGMA user_version` records how many have run. Append new
 * ones, never edit a shipped one. STRICT tables make SQLite refuse values of the wrong type.
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE reports (
     id INTEGER PRIMARY KEY,
     org_name TEXT NOT NULL,
     report_id TEXT NOT NULL,
     policy_domain TEXT NOT NULL,
     begin_ts INTEGER NOT NULL,
     end_ts INTEGER NOT NULL,
     email TEXT NOT NULL,
     schema TEXT NOT NULL,
     version TEXT NOT NULL,
     policy_p TEXT, policy_sp TEXT, policy_np TEXT, adkim TEXT, aspf TEXT, pct INTEGER, fo TEXT,
     testing TEXT, discovery_method TEXT,
     errors TEXT NOT NULL,
     record_count INTEGER NOT NULL DEFAULT 0,
     message_count INTEGER NOT NULL DEFAULT 0,
     source TEXT NOT NULL,
     ingested_at INTEGER NOT NULL,
     raw_xml TEXT,
     -- A report's identity (docs/cli.md): ingesting it again changes nothing.
     UNIQUE (org_name, report_id, policy_domain, begin_ts, end_ts)
   ) STRICT;
   CREATE INDEX reports_domain_end ON reports (policy_domain, end_ts);
   CREATE TABLE records (
     id INTEGER PRIMARY KEY,
     report INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
     source_ip TEXT NOT NULL,
     count INTEGER NOT NULL,
     disposition TEXT NOT NULL,
     dkim TEXT NOT NULL,
     spf TEXT NOT NULL,
     reasons TEXT NOT NULL,
     header_from TEXT NOT NULL,
     envelope_from TEXT NOT NULL,
     envelope_to TEXT NOT NULL
   ) STRICT;
   CREATE INDEX records_report ON records (report);
   CREATE TABLE auth_results (
     record INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
     method TEXT NOT NULL CHECK (method IN ('dkim', 'spf')),
     domain TEXT NOT NULL,
     selector TEXT NOT NULL,
     scope TEXT NOT NULL,
     result TEXT NOT NULL
   ) STRICT;
   CREATE INDEX auth_results_record ON auth_results (record);`,
  // 2: where each IMAP mailbox was read up to (docs/reports.md, "From a mailbox"). One row per
  // (account, folder); a changed UIDVALIDITY means the folder's UIDs were reassigned and it is read
  // again (report identity keeps that from counting anything twice).
  `CREATE TABLE imap_cursors (
     account TEXT NOT NULL,
     folder TEXT NOT NULL,
     uid_validity INTEGER NOT NULL,
     last_uid INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     PRIMARY KEY (account, folder)
   ) STRICT;`,
];
