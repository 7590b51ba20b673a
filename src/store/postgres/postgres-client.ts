import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { ConnectionOptions } from "node:tls";
import pg from "pg";
import pgpass from "pgpass";
import { StoreError } from "../store-error.js";
import type { PostgresSettings } from "./connection-settings.js";
import { storeFailure } from "./store-failure.js";

/**
 * A connected node-postgres client for these settings. TLS follows `sslmode` as libpq does:
 * `prefer` (the default) and `allow` try TLS without verifying and fall back to a plain connection
 * when the server has no TLS; `require` insists on TLS; `verify-ca` checks the certificate chain
 * against `sslrootcert`, `verify-full` the host name too. A failure becomes a StoreError (exit 2)
 * or StoreUnavailableError (exit 3), see store-failure.ts.
 */
export async function connectPostgres(settings: PostgresSettings): Promise<pg.Client> {
  const ssl = tlsOptions(settings);
  try {
    return await connectOnce(settings, ssl);
  } catch (error) {
    if (ssl && fallsBackToPlain(settings) && /does not support SSL/i.test(String(error)))
      return connectOnce(settings, false).catch((retryError: unknown) => {
        throw storeFailure(retryError, settings.label) ?? retryError;
      });
    throw storeFailure(error, settings.label) ?? error;
  }
}

async function connectOnce(settings: PostgresSettings, ssl: false | ConnectionOptions): Promise<pg.Client> {
  const client = new pg.Client({
    host: settings.host,
    port: settings.port,
    database: settings.database,
    user: settings.user,
    password: () => password(settings),
    ssl,
    application_name: settings.applicationName,
    connectionTimeoutMillis: settings.connectTimeoutSeconds * 1000,
    keepAlive: true,
  });
  // A server that goes away while the client is idle emits "error"; without a listener node would
  // end the process. The next query fails on its own and is reported there.
  client.on("error", () => {});
  try {
    await client.connect();
  } catch (error) {
    // A refused login (no password to give) would otherwise keep the socket, and the process, open
    // until the server's authentication timeout.
    await client.end().catch(() => {});
    throw error;
  }
  return client;
}

function fallsBackToPlain(settings: PostgresSettings): boolean {
  return settings.sslMode === "prefer" || settings.sslMode === "allow";
}

function tlsOptions(settings: PostgresSettings): false | ConnectionOptions {
  const clientCert = {
    ...(settings.sslCert ? { cert: readPem(settings.sslCert, "sslcert", settings.label) } : {}),
    ...(settings.sslKey ? { key: readPem(settings.sslKey, "sslkey", settings.label) } : {}),
  };
  switch (settings.sslMode) {
    case "disable":
      return false;
    case "allow":
    case "prefer":
    case "require":
      return { rejectUnauthorized: false, ...clientCert };
    case "verify-ca":
    case "verify-full": {
      const file = settings.sslRootCert ?? join(homedir(), ".postgresql", "root.crt");
      return {
        rejectUnauthorized: true,
        ...(file === "system" ? {} : { ca: readPem(file, "sslrootcert", settings.label) }),
        // verify-ca trusts any name on a certificate the CA signed; verify-full checks it.
        ...(settings.sslMode === "verify-ca" ? { checkServerIdentity: () => undefined } : {}),
        ...clientCert,
      };
    }
  }
}

function readPem(file: string, what: string, label: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new StoreError(
      `--db ${label}: cannot read ${what} ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
}

/**
 * Asked for only when the server wants a password: the service file, then PGPASSWORD, then
 * ~/.pgpass (PGPASSFILE; ignored unless mode 0600, as libpq does).
 */
async function password(settings: PostgresSettings): Promise<string> {
  const fromEnv = settings.servicePassword || process.env.PGPASSWORD;
  if (fromEnv) return fromEnv;
  // libpq reads ~/.pgpass when PGPASSWORD is empty; the pgpass module skips it whenever the variable
  // exists at all.
  if (process.env.PGPASSWORD === "") delete process.env.PGPASSWORD;
  const fromFile = await new Promise<string | undefined>((resolve) =>
    pgpass(
      { host: settings.host, port: settings.port, database: settings.database, user: settings.user },
      resolve,
    ),
  );
  if (fromFile !== undefined) return fromFile;
  throw new StoreError(
    `--db ${settings.label}: the server asks for a password for user "${settings.user}"; give it in PGPASSWORD, ~/.pgpass or a service file (never in the URL)`,
  );
}
