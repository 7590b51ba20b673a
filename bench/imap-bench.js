/**
 * IMAP bench: N report mails (each a small aggregate report, gzipped, base64 in a MIME attachment, as
 * receivers send them; the tests' own mail generator, loaded through Node's type stripping) delivered into a real Dovecot's Maildir on loopback, then ingested twice by
 * `mailaudit reports ingest`: from the Maildir on disk, and from `imaps://` (TLS, the same messages).
 * Rounds alternate, each into a fresh SQLite file (so the IMAP cursor starts empty); walls are medians.
 */
import { chownSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { gzipSync } from "node:zlib";
import { startDovecot } from "../test/helpers/dovecot.ts";
import { reportEmail } from "../test/reports/generated-set.ts";
import { onCleanup } from "./cleanup.js";
import { median, runMeasured } from "./measure.js";
import { writeSmallReports } from "./report-corpus.js";
import { freePort } from "./servers.js";

const CLI = join(import.meta.dirname, "..", "bin", "mailaudit.js");
const TIMEOUT_MS = 600_000;

/** Writes the mails into the INBOX Maildir's new/, owned by the user Dovecot reads mail as. */
function deliver(maildir, xmlDir) {
  const owner = statSync(join(maildir, ".."));
  for (const sub of ["", "new", "cur", "tmp"]) {
    mkdirSync(join(maildir, sub), { recursive: true });
    chownSync(join(maildir, sub), owner.uid, owner.gid);
  }
  const files = readdirSync(xmlDir).sort();
  let xmlBytes = 0;
  files.forEach((file, index) => {
    const xml = readFileSync(join(xmlDir, file));
    xmlBytes += xml.length;
    const path = join(maildir, "new", `${1790000000 + index}.M${index}P1.bench:2,`);
    writeFileSync(path, reportEmail(`${file}.gz`, gzipSync(xml), "application/gzip"));
    chownSync(path, owner.uid, owner.gid);
  });
  return { messages: files.length, xmlBytes };
}

function storedReports(db) {
  const store = new DatabaseSync(db, { readOnly: true });
  try {
    return store.prepare("SELECT count(*) AS n FROM reports").get().n;
  } finally {
    store.close();
  }
}

/**
 * One `reports ingest` into a fresh SQLite file, measured. `node` is what precedes the command
 * (Node options, or another entry point): the CLI by default.
 */
export async function ingestOnce(label, args, dir, round, env, node = [CLI]) {
  const db = join(dir, `${label}-${round}.db`);
  const result = await runMeasured(
    process.execPath,
    [...node, "reports", "ingest", ...args, "--db", db, "--no-progress"],
    {
      env,
      keepStdout: true,
      timeoutMs: TIMEOUT_MS,
    },
  );
  if (result.exitCode !== 0)
    throw new Error(`${label} ingest exited ${result.exitCode}: ${result.stderr.trim().split("\n").at(-1)}`);
  return {
    wallMs: result.wallMs,
    maxRssKb: result.maxRssKb,
    cpuMs: result.cpuMs,
    stored: storedReports(db),
    line: result.stdout.trim(),
  };
}

/**
 * Dovecot on loopback with `imapMails` report mails in its INBOX (indexed, as a cron run finds
 * them), and the arguments that ingest them from `imaps://` or from the same Maildir on disk.
 */
export async function prepareMailbox({ dir, imapMails }) {
  const dovecot = await startDovecot({ freePort });
  onCleanup(() => dovecot.close());
  const xmlDir = join(dir, "xml");
  writeSmallReports(xmlDir, imapMails, 4390);
  const { messages, xmlBytes } = deliver(dovecot.maildir, xmlDir);
  // A real server indexes mail as it is delivered; do it before timing, as a cron run would find it.
  dovecot.doveadm(["index", "-u", dovecot.user, "INBOX"]);
  return {
    messages,
    xmlBytes,
    env: { MAILAUDIT_IMAP_PASSWORD: dovecot.password },
    maildirArgs: [dovecot.maildir],
    imapArgs: [dovecot.url("INBOX"), "--imap-ca", dovecot.caFile],
  };
}

export async function benchImap({ dir, imapMails, rounds }) {
  const { messages, xmlBytes, env, maildirArgs, imapArgs } = await prepareMailbox({ dir, imapMails });
  const maildir = [];
  const imap = [];
  for (let round = 0; round < rounds; round++) {
    maildir.push(await ingestOnce("maildir", maildirArgs, dir, round, {}));
    imap.push(await ingestOnce("imap", imapArgs, dir, round, env));
  }
  const summarize = (runs) => ({
    wallMs: median(runs.map((r) => r.wallMs)),
    walls: runs.map((r) => Math.round(r.wallMs)),
    maxRssKb: Math.max(...runs.map((r) => r.maxRssKb ?? 0)),
    cpuMs: median(runs.map((r) => r.cpuMs ?? 0)),
    stored: runs[0].stored,
    messagesPerSecond: messages / (median(runs.map((r) => r.wallMs)) / 1000),
    line: runs[0].line,
  });
  const result = {
    messages,
    megabytes: xmlBytes / 2 ** 20,
    maildir: summarize(maildir),
    imap: summarize(imap),
  };
  result.ratio = result.imap.wallMs / result.maildir.wallMs;
  return result;
}
