/**
 * The IMAP test lab: a real Dovecot (test/helpers/dovecot.ts) whose oauth2 passdb asks a local RFC
 * 7662 token-introspection endpoint, plus helpers to run the CLI against it and look into stores.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { type Dovecot, dovecotPath, startDovecot } from "../helpers/dovecot.js";
import { toolAvailable } from "../helpers/optional-tool.js";
import { freePort } from "../helpers/ports.js";
import { type CliResult, runCli } from "../helpers/run-cli.js";

/** A token the introspection endpoint cannot check: it answers 503, as a provider in trouble would. */
export const PROVIDER_DOWN_TOKEN = "provider-down-token";
/** The one access token the introspection endpoint calls active (for user `dmarc`). */
export const GOOD_TOKEN = "ya29.test-token-for-dmarc";

/** Skipped with a notice without Dovecot; under CI a missing Dovecot fails instead of passing green. */
export function dovecotAvailable(): boolean {
  return toolAvailable(dovecotPath() !== undefined, "IMAP tests need Dovecot: apt-get install dovecot-imapd");
}

export interface ImapLab {
  dovecot: Dovecot;
  /** Runs `mailaudit reports ingest` with the password in the environment and the test CA. */
  ingest(db: string, args: string[], env?: Record<string, string>): Promise<CliResult>;
  /** The same, as a child process the test controls (kill -9, SIGTERM, --watch). */
  spawnIngest(db: string, args: string[]): ChildProcess & { output: { stdout: string; stderr: string } };
  close(): Promise<void>;
}

const BIN = join(import.meta.dirname, "..", "..", "bin", "mailaudit.js");

export async function startImapLab(): Promise<ImapLab> {
  const tokens = await startTokenEndpoint();
  let dovecot: Dovecot;
  try {
    dovecot = await startDovecot({
      freePort,
      oauth2IntrospectionUrl: `http://127.0.0.1:${tokens.port}/introspect`,
    });
  } catch (error) {
    tokens.server.close();
    throw error;
  }
  const baseArgs = (db: string, args: string[]) => [
    "reports",
    "ingest",
    "--db",
    db,
    "--imap-ca",
    dovecot.caFile,
    "--max-size",
    "1",
    ...args,
  ];
  const env = { MAILAUDIT_IMAP_PASSWORD: dovecot.password };
  return {
    dovecot,
    ingest: (db, args, extra = env) => runCli(baseArgs(db, args), { env: extra }),
    spawnIngest(db, args) {
      const child = spawn(process.execPath, [BIN, ...baseArgs(db, args)], {
        env: { ...process.env, ...env },
        stdio: ["ignore", "pipe", "pipe"],
      }) as ChildProcess & { output: { stdout: string; stderr: string } };
      child.output = { stdout: "", stderr: "" };
      child.stdout?.setEncoding("utf8").on("data", (d: string) => {
        child.output.stdout += d;
      });
      child.stderr?.setEncoding("utf8").on("data", (d: string) => {
        child.output.stderr += d;
      });
      return child;
    },
    async close() {
      await dovecot.close();
      await new Promise((resolve) => tokens.server.close(resolve));
    },
  };
}

/** RFC 7662 introspection as Dovecot's oauth2 passdb asks it (`introspection_mode = post`). */
async function startTokenEndpoint(): Promise<{ server: Server; port: number }> {
  const server = createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8").on("data", (chunk: string) => {
      body += chunk;
    });
    request.on("end", () => {
      const token = new URLSearchParams(body).get("token");
      if (token === PROVIDER_DOWN_TOKEN) {
        response.statusCode = 503;
        response.setHeader("connection", "close");
        response.end();
        return;
      }
      response.setHeader("content-type", "application/json");
      // A connection per question: Dovecot keeps the connection to its introspection server for the
      // next login, and when that came about as this server's keep-alive timeout (5 s) ran out,
      // Dovecot's POST met a closing socket and the good token failed as "Temporary authentication
      // failure" (seen once in a fresh-clone run).
      response.setHeader("connection", "close");
      response.end(
        JSON.stringify(token === GOOD_TOKEN ? { active: true, username: "dmarc" } : { active: false }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return { server, port: typeof address === "object" && address ? address.port : 0 };
}

/** Reports in a store, read beside a running writer (WAL). */
export function storedReportIds(db: string): string[] {
  const sql = new DatabaseSync(db, { readOnly: true });
  try {
    return (
      sql.prepare("SELECT report_id FROM reports ORDER BY report_id").all() as { report_id: string }[]
    ).map((row) => row.report_id);
  } finally {
    sql.close();
  }
}

/** Polls until `check` holds (a store filling, a child printing), failing after `withinMs`. */
export async function eventually(check: () => boolean, withinMs: number, what: string): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Count of stored reports, 0 while the store does not exist yet or is being created. */
export function storedCount(db: string): number {
  try {
    return storedReportIds(db).length;
  } catch {
    return 0;
  }
}
