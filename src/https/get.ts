/**
 * One HTTPS GET as an auditor needs it: the host resolved through the run's `Resolver` (so
 * `--resolver` and the answers it gives decide where we connect, as for every DNS check), the
 * certificate verified for the URL's host name, no redirect followed, a size limit and one overall
 * deadline. Every outcome is a value (`Fetched`), never an exception.
 */
import type { IncomingMessage } from "node:http";
import { request } from "node:https";
import { ipFamily } from "../dns/ipv6-syntax.js";
import type { Resolver } from "../dns/types.js";
import { isLoopbackAddress } from "./loopback.js";
import type { Fetched, FetchLimits, FetchReport } from "./types.js";

export interface HttpsGetOptions {
  resolver: Resolver;
  /** The whole fetch after the host is resolved: connecting, TLS, and the body. */
  timeoutMs: number;
  limits: FetchLimits;
  /** Trusted CAs; undefined: Node's default store. */
  ca?: string[];
  /**
   * Test only (`MAILAUDIT_TEST_HTTPS_PORT`): connect to this port instead of the URL's, and only to
   * loopback addresses; any other address is refused, so the setting cannot redirect real fetches.
   */
  testPort?: number;
  userAgent: string;
}

/** What connecting to one address came to: a result, or "try the next address". */
type Attempt = { kind: "done"; fetched: Fetched } | { kind: "connect-failed"; detail: string };

/** Socket errors that mean "nobody answered at this address": the next address may do better. */
const CONNECT_ERRORS = new Set([
  "ECONNREFUSED",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
  "ECONNRESET",
]);

export async function httpsGet(urlText: string, options: HttpsGetOptions): Promise<Fetched> {
  const url = parseHttpsUrl(urlText);
  if (typeof url === "string") return failed({ url: urlText }, "bad-url", url);
  const base = { url: urlText };
  const resolved = await resolveHost(url.host, options.resolver);
  if (resolved.kind === "temperror") return inconclusive(base, "dns", resolved.detail);
  if (resolved.kind === "none") return failed(base, "no-address", `${url.host} has no A or AAAA record`);
  const deadline = Date.now() + options.timeoutMs;
  let lastFailure = "";
  let lastAddress = "";
  for (const address of resolved.addresses) {
    let port = url.port;
    if (options.testPort !== undefined) {
      if (!isLoopbackAddress(address))
        return failed(
          { ...base, address },
          "test-port-refused",
          `MAILAUDIT_TEST_HTTPS_PORT is set, and ${address} is not a loopback address`,
        );
      port = options.testPort;
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) break;
    const attempt = await attemptAt(urlText, url, address, port, remaining, options);
    if (attempt.kind === "done") return attempt.fetched;
    lastFailure = attempt.detail;
    lastAddress = address;
  }
  if (lastAddress === "")
    return inconclusive(base, "timeout", `no answer within ${seconds(options.timeoutMs)}`);
  return failed({ ...base, address: lastAddress }, "unreachable", lastFailure);
}

interface HttpsUrl {
  /** The host name (IPv6 literals without brackets), ASCII letters in lower case. */
  host: string;
  /** The Host header as the URL writes it. */
  authority: string;
  port: number;
  path: string;
}

function parseHttpsUrl(text: string): HttpsUrl | string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "not a URL";
  }
  if (url.protocol !== "https:") return `not an https: URL (${url.protocol})`;
  if (url.username !== "" || url.password !== "") return "credentials in the URL";
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "");
  if (host === "") return "no host";
  return {
    host,
    authority: url.host,
    port: url.port === "" ? 443 : Number(url.port),
    path: url.pathname + url.search,
  };
}

type Resolved =
  | { kind: "ok"; addresses: string[] }
  | { kind: "none" }
  | { kind: "temperror"; detail: string };

/** IPv4 addresses first, then IPv6, as the resolver gave them; an address literal is itself. */
async function resolveHost(host: string, resolver: Resolver): Promise<Resolved> {
  if (ipFamily(host) !== 0) return { kind: "ok", addresses: [host] };
  const [a, aaaa] = await Promise.all([resolver.query(host, "A"), resolver.query(host, "AAAA")]);
  const addresses = [...(a.kind === "ok" ? a.records : []), ...(aaaa.kind === "ok" ? aaaa.records : [])];
  if (addresses.length > 0) return { kind: "ok", addresses };
  const failure = [a, aaaa].find((answer) => answer.kind === "temperror");
  if (failure && failure.kind === "temperror")
    return { kind: "temperror", detail: `DNS lookup of ${host} failed (${failure.reason})` };
  return { kind: "none" };
}

function attemptAt(
  urlText: string,
  url: HttpsUrl,
  address: string,
  port: number,
  timeoutMs: number,
  options: HttpsGetOptions,
): Promise<Attempt> {
  const base: FetchReport = { url: urlText, status: "ok", address };
  return new Promise((resolve) => {
    let settled = false;
    let connected = false;
    let timer: NodeJS.Timeout | undefined;
    const family = ipFamily(address);
    const finish = (attempt: Attempt) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(attempt);
    };
    const done = (fetched: Fetched) => finish({ kind: "done", fetched });
    const req = request({
      hostname: url.host,
      port,
      path: url.path,
      method: "GET",
      // A fresh connection per fetch: no pooled socket or TLS session from another host's fetch.
      agent: false,
      ...(ipFamily(url.host) === 0 ? { servername: url.host } : {}),
      // The address our resolver gave: Node's own lookup (getaddrinfo) is never asked.
      lookup: (_host, lookupOptions, callback) => {
        if (lookupOptions.all)
          (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [
            { address, family },
          ]);
        else callback(null, address, family);
      },
      ...(options.ca ? { ca: options.ca } : {}),
      rejectUnauthorized: true,
      minVersion: "TLSv1.2",
      headers: {
        host: url.authority,
        accept: options.limits.accept,
        "accept-encoding": "identity",
        "user-agent": options.userAgent,
        connection: "close",
      },
    });
    timer = setTimeout(
      () => done(inconclusive({ ...base }, "timeout", `no complete answer within ${seconds(timeoutMs)}`)),
      timeoutMs,
    );
    req.on("socket", (socket) => socket.once("connect", () => (connected = true)));
    req.on("error", (error: NodeJS.ErrnoException) => {
      const code = error.code ?? "";
      if (!connected && CONNECT_ERRORS.has(code))
        finish({ kind: "connect-failed", detail: `${address}: ${describeCode(code)}` });
      else
        done(
          failed(
            { ...base },
            classify(code),
            `${error.message}${code && !error.message.includes(code) ? ` (${code})` : ""}`,
          ),
        );
    });
    req.on("response", (response) => readResponse(response, { ...base }, options.limits, done));
    req.end();
  });
}

function readResponse(
  response: IncomingMessage,
  base: FetchReport,
  limits: FetchLimits,
  done: (fetched: Fetched) => void,
): void {
  const status = response.statusCode ?? 0;
  const contentType = response.headers["content-type"] ?? null;
  const report: FetchReport = { ...base, httpStatus: status, contentType };
  const tooLarge = { ...report, limit: limits.maxBytes };
  if (status >= 300 && status < 400) {
    const location = response.headers.location;
    done(failed(report, "redirect", `HTTP ${status} to ${location ?? "(no Location header)"}`));
    return;
  }
  if (status !== 200) {
    done(failed(report, "http-status", `HTTP ${status}`));
    return;
  }
  const declared = Number(response.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limits.maxBytes) {
    done(failed(tooLarge, "too-large", `Content-Length ${declared}`));
    return;
  }
  const chunks: Buffer[] = [];
  let bytes = 0;
  response.on("data", (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes > limits.maxBytes)
      done(failed({ ...tooLarge, bytes }, "too-large", `more than ${limits.maxBytes} octets sent`));
    else chunks.push(chunk);
  });
  response.on("end", () => done({ report: { ...report, status: "ok", bytes }, body: Buffer.concat(chunks) }));
  response.on("aborted", () =>
    done(failed({ ...report, bytes }, "protocol", "the connection closed before the body ended")),
  );
  response.on("error", () =>
    done(failed({ ...report, bytes }, "protocol", "the connection closed before the body ended")),
  );
}

/** Node's TLS verification codes name the certificate problem; the rest is the handshake or HTTP. */
function classify(code: string): "certificate" | "tls" | "protocol" | "unreachable" {
  if (/CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY|DECRYPT)|ALTNAME|ISSUER/.test(code)) return "certificate";
  if (code.startsWith("HPE_")) return "protocol";
  if (code.startsWith("ERR_SSL") || code.startsWith("ERR_TLS") || code === "EPROTO" || code === "ECONNRESET")
    return "tls";
  return "unreachable";
}

function describeCode(code: string): string {
  switch (code) {
    case "ECONNREFUSED":
      return "connection refused";
    case "ECONNRESET":
      return "connection reset";
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return "no route to the address";
    default:
      return code;
  }
}

function failed(
  report: Partial<FetchReport> & { url: string },
  reason: FetchReport["reason"],
  detail: string,
): Fetched {
  return { report: { ...report, status: "failed", reason, detail }, body: null };
}

function inconclusive(
  report: Partial<FetchReport> & { url: string },
  reason: "timeout" | "dns",
  detail: string,
): Fetched {
  return { report: { ...report, status: "inconclusive", reason, detail }, body: null };
}

function seconds(ms: number): string {
  return `${ms / 1000} s`;
}
