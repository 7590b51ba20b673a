/**
 * What one HTTPS fetch came to, as plain data (it goes into snapshots and the JSON of `check`).
 * `failed` is a definite answer about what is published (a wrong certificate, a redirect, a 404);
 * `inconclusive` is not (the fetch ran out of time, the host's DNS did not answer): like a DNS
 * failure, it makes the domain's audit inconclusive rather than wrong.
 */
export type FetchStatus = "ok" | "failed" | "inconclusive" | "skipped";

export type FetchFailureReason =
  /** The URL cannot be fetched as written (not https:, no host, a port out of range). */
  | "bad-url"
  /** DNS says the host has no address (NXDOMAIN or no A/AAAA). */
  | "no-address"
  /** Every address refused or dropped the connection. */
  | "unreachable"
  /** The certificate does not verify (untrusted, expired, wrong name). */
  | "certificate"
  /** The TLS handshake failed for another reason. */
  | "tls"
  /** An HTTP 3xx: redirects are never followed (RFC 8461 §3.3). */
  | "redirect"
  /** Any status but 200. */
  | "http-status"
  /** The body is larger than the limit. */
  | "too-large"
  /** Not an HTTP response we can read. */
  | "protocol"
  /** `MAILAUDIT_TEST_HTTPS_PORT` is set and the host's address is not loopback. */
  | "test-port-refused";

export type FetchInconclusiveReason = "timeout" | "dns";

/**
 * Why no fetch was tried: `--offline`; a `--zone` run (records not yet published); or HTTPS not
 * given to the audit at all (library use).
 */
export type FetchSkipReason = "offline" | "zone" | "disabled";

export interface FetchReport {
  url: string;
  status: FetchStatus;
  reason?: FetchFailureReason | FetchInconclusiveReason | FetchSkipReason;
  /** A short explanation in words: "HTTP 301 to https://…", "certificate has expired (CERT_HAS_EXPIRED)". */
  detail?: string;
  /** The address connected to (the last one tried). */
  address?: string;
  /** The HTTP status received, when a response came. */
  httpStatus?: number;
  /** The Content-Type header as sent (null when there was none). */
  contentType?: string | null;
  /** Octets of the body read (for a body over the limit: how far reading got). */
  bytes?: number;
  /** For `too-large`: the limit it ran into, in octets. */
  limit?: number;
}

export interface Fetched {
  report: FetchReport;
  /** The body, only for `ok`. */
  body: Buffer | null;
}

/** How much of a response a caller accepts. */
export interface FetchLimits {
  maxBytes: number;
  /** The Accept header to send. */
  accept: string;
}

/** A fetch as collectors see it: the run's fetcher, bound to the audited domain's resolver. */
export type Fetch = (url: string, limits: FetchLimits) => Promise<Fetched>;
