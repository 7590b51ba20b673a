import { DEFAULT_QUERY_TIMEOUT_MS } from "../dns/system-resolver.js";
import { UsageError } from "../errors.js";
import { HttpsFetcher } from "../https/fetcher.js";
import { readCaFile, trustedCertificates } from "../tls/trust.js";
import { packageVersion } from "../version.js";

export interface HttpsSettings {
  /** `--https-ca <file>`: a CA trusted beside Node's default store. */
  httpsCa?: string;
  timeoutSeconds?: number;
  zoneFiles?: readonly string[];
  offline?: boolean;
}

/**
 * The environment variable that lets the tests reach their HTTPS server on a free port: the fetch
 * connects there instead of 443, and only to loopback addresses (docs/cli.md, "Environment").
 */
export const TEST_HTTPS_PORT_VARIABLE = "MAILAUDIT_TEST_HTTPS_PORT";

/**
 * The run's HTTPS access. `--offline` and `--zone` runs fetch nothing (the policy or logo served
 * today says nothing about records not yet published) and the findings say so. A fetch may take
 * twice the per-query DNS timeout: it is a TCP connection, a TLS handshake and a body.
 */
export function buildHttps(settings: HttpsSettings, env: NodeJS.ProcessEnv = process.env): HttpsFetcher {
  // Read even when nothing will be fetched: a wrong path is a mistake to report at once.
  const extraCa = settings.httpsCa === undefined ? undefined : readCaFile("--https-ca", settings.httpsCa);
  const testPort = parseTestPort(env[TEST_HTTPS_PORT_VARIABLE]);
  if (settings.offline) return new HttpsFetcher({ mode: "skip", reason: "offline" });
  if ((settings.zoneFiles ?? []).length > 0) return new HttpsFetcher({ mode: "skip", reason: "zone" });
  const queryTimeoutMs =
    settings.timeoutSeconds === undefined ? DEFAULT_QUERY_TIMEOUT_MS : settings.timeoutSeconds * 1000;
  const ca = trustedCertificates(extraCa);
  return new HttpsFetcher({
    mode: "live",
    timeoutMs: Math.round(2 * queryTimeoutMs),
    userAgent: `mailaudit/${packageVersion()}`,
    ...(ca ? { ca } : {}),
    ...(testPort === undefined ? {} : { testPort }),
  });
}

function parseTestPort(text: string | undefined): number | undefined {
  if (text === undefined || text === "") return undefined;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw new UsageError(`${TEST_HTTPS_PORT_VARIABLE}="${text}": expected a port number from 1 to 65535`);
  return port;
}
