import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { StoreError } from "../store-error.js";

/**
 * Where and how to connect, from `--db postgres://user@host:port/dbname?sslmode=…&service=…` the way
 * libpq reads it: URL, then the service file's entry, then PG* environment variables, then
 * defaults. A password is never taken from the URL: there it shows in `ps` and in shell history.
 * It comes from PGPASSWORD, the service file or ~/.pgpass (postgres-client.ts).
 */
export interface PostgresSettings {
  /** The `--db` as given, for messages (it holds no password: such a URL is refused). */
  label: string;
  /** A host name or address, or a folder holding the server's Unix socket. */
  host: string;
  port: number;
  database: string;
  user: string;
  sslMode: SslMode;
  /** CA bundle for verify-ca / verify-full (libpq's `sslrootcert`; default ~/.postgresql/root.crt). */
  sslRootCert: string | undefined;
  sslCert: string | undefined;
  sslKey: string | undefined;
  /** A password from the service file, if it had one. */
  servicePassword: string | undefined;
  applicationName: string;
  connectTimeoutSeconds: number;
}

export const SSL_MODES = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"] as const;
export type SslMode = (typeof SSL_MODES)[number];

/** URL query keys understood (libpq names); any other is refused rather than silently ignored. */
const KNOWN_PARAMS = new Set([
  "host",
  "port",
  "dbname",
  "user",
  "sslmode",
  "sslrootcert",
  "sslcert",
  "sslkey",
  "service",
  "application_name",
  "connect_timeout",
]);

const PASSWORD_REFUSED =
  "a password in the URL is refused: it would show in `ps` and in shell history. " +
  "Give it in PGPASSWORD, ~/.pgpass or a service file";

export function parsePostgresUrl(location: string, env: NodeJS.ProcessEnv = process.env): PostgresSettings {
  const fail = (reason: string) => new StoreError(`--db ${redact(location)}: ${reason}`);
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    throw fail("not a valid URL (expected postgres://user@host:port/dbname)");
  }
  if (url.password !== "" || url.searchParams.has("password")) throw fail(PASSWORD_REFUSED);
  for (const key of url.searchParams.keys())
    if (!KNOWN_PARAMS.has(key)) throw fail(`unknown parameter "${key}"`);
  const param = (key: string) => url.searchParams.get(key) || undefined;
  const serviceName = param("service") ?? env.PGSERVICE;
  const service = serviceName === undefined ? {} : readService(serviceName, env, fail);
  const pick = (fromUrl: string | undefined, key: string, envKey: string) =>
    fromUrl || service[key] || env[envKey] || undefined;

  const host = pick(decodeHost(url.hostname) || param("host"), "host", "PGHOST") ?? "localhost";
  const portText = pick(url.port || param("port"), "port", "PGPORT") ?? "5432";
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw fail(`port "${portText}" is not a port number`);
  const user =
    pick(url.username ? decodeURIComponent(url.username) : param("user"), "user", "PGUSER") ??
    env.USER ??
    "postgres";
  const path = decodeURIComponent(url.pathname.replace(/^\//, ""));
  if (path.includes("/")) throw fail(`"${path}" is not a database name`);
  const database = pick(path || param("dbname"), "dbname", "PGDATABASE") ?? user;
  const sslModeText = pick(param("sslmode"), "sslmode", "PGSSLMODE") ?? "prefer";
  if (!(SSL_MODES as readonly string[]).includes(sslModeText))
    throw fail(`sslmode "${sslModeText}" is not one of ${SSL_MODES.join(", ")}`);
  return {
    label: location,
    host,
    port,
    database,
    user,
    sslMode: sslModeText as SslMode,
    sslRootCert: pick(param("sslrootcert"), "sslrootcert", "PGSSLROOTCERT"),
    sslCert: pick(param("sslcert"), "sslcert", "PGSSLCERT"),
    sslKey: pick(param("sslkey"), "sslkey", "PGSSLKEY"),
    servicePassword: service.password,
    applicationName: pick(param("application_name"), "application_name", "PGAPPNAME") ?? "mailaudit",
    connectTimeoutSeconds: connectTimeout(
      pick(param("connect_timeout"), "connect_timeout", "PGCONNECT_TIMEOUT"),
      fail,
    ),
  };
}

/** libpq's `connect_timeout` in seconds; we wait 10 s when it is not given (libpq would wait forever). */
function connectTimeout(text: string | undefined, fail: (reason: string) => StoreError): number {
  if (text === undefined) return 10;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw fail(`connect_timeout "${text}" is not a number of seconds`);
  return seconds;
}

/** `postgres://%2Fvar%2Frun%2Fpostgresql/db` names a socket folder; `[::1]` an IPv6 address. */
function decodeHost(hostname: string): string {
  const decoded = decodeURIComponent(hostname);
  return decoded.startsWith("[") && decoded.endsWith("]") ? decoded.slice(1, -1) : decoded;
}

/** A URL with its password replaced, so that even the refusal does not print it. */
export function redact(location: string): string {
  return location
    .replace(/^(postgres(?:ql)?:\/\/[^:@/]*):[^@/]*@/i, "$1:***@")
    .replace(/([?&]password=)[^&]*/i, "$1***");
}

/**
 * libpq's connection service file: `[name]` sections of `key=value` lines. The per-user file
 * (PGSERVICEFILE, else ~/.pg_service.conf) is searched first, then PGSYSCONFDIR/pg_service.conf.
 */
function readService(
  name: string,
  env: NodeJS.ProcessEnv,
  fail: (reason: string) => StoreError,
): Record<string, string> {
  const files = [
    env.PGSERVICEFILE ?? join(homedir(), ".pg_service.conf"),
    join(env.PGSYSCONFDIR ?? "/etc/postgresql-common", "pg_service.conf"),
  ];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    const entry = serviceEntry(text, name);
    if (entry) return entry;
  }
  throw fail(`service "${name}" is not defined in ${files.join(" or ")}`);
}

export function serviceEntry(text: string, name: string): Record<string, string> | undefined {
  let section: string | undefined;
  let entry: Record<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const header = /^\[(.*)\]$/.exec(line);
    if (header) {
      section = header[1];
      if (section === name) entry ??= {};
      continue;
    }
    const equals = line.indexOf("=");
    if (section === name && entry && equals > 0)
      entry[line.slice(0, equals).trim()] = line.slice(equals + 1).trim();
  }
  return entry;
}
