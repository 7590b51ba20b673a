import { EXIT } from "../engine/exit-code.js";
import { MailauditError } from "../errors.js";
import type { MailboxUrl } from "./mailbox-url.js";

/**
 * A mailbox that could not be read, as one line naming the URL. Exit 2 when only the user can fix it
 * (wrong credentials, no such folder); exit 3 when it may pass by itself (server unreachable, TLS
 * failure, connection lost): cron retries those (docs/cli.md, exit codes).
 */
export class ImapError extends MailauditError {}

interface ImapFlowFailure {
  code?: string;
  authenticationFailed?: boolean;
  tlsFailed?: boolean;
  serverResponseCode?: string;
  responseText?: string;
  response?: string;
  message?: string;
}

/** Node's codes for a certificate that does not verify (tls.TLSSocket `authorizationError`). */
const CERTIFICATE_CODES = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_REVOKED",
  "CERT_UNTRUSTED",
  "CERT_SIGNATURE_FAILURE",
  "INVALID_CA",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

/** Whether retrying later could help (a dropped connection) or not (a refused login). */
export function isPermanent(error: unknown): boolean {
  return error instanceof ImapError && error.exitCode === EXIT.usage;
}

/** Turns whatever imapflow, TLS or the socket threw into one ImapError line for `url`. */
export function describeImapFailure(error: unknown, url: MailboxUrl): ImapError {
  if (error instanceof ImapError) return error;
  const e = (error ?? {}) as ImapFlowFailure;
  const code = e.code ?? "";
  const serverSaid = (e.responseText ?? "").trim();
  // RFC 5530's UNAVAILABLE: the server could not check the login now (its password or token back end
  // is down: Dovecot says "Temporary authentication failure"). Nothing the user gave is wrong, and a
  // retry may pass, so it is inconclusive, not a configuration error.
  if (e.authenticationFailed && e.serverResponseCode?.toUpperCase() === "UNAVAILABLE") {
    return new ImapError(
      `${url.text}: the server could not check the login now (its authentication is unavailable; try again later)${serverSaid ? `: ${serverSaid}` : ""}`,
      EXIT.inconclusive,
    );
  }
  if (e.authenticationFailed) {
    return new ImapError(
      `${url.text}: login refused (wrong user, password or token)${serverSaid ? `: ${serverSaid}` : ""}`,
      EXIT.usage,
    );
  }
  if (e.tlsFailed) {
    return new ImapError(
      `${url.text}: the server does not offer STARTTLS, and mailaudit never logs in over cleartext; use imaps:// or turn on TLS at the server`,
      EXIT.inconclusive,
    );
  }
  if (CERTIFICATE_CODES.has(code)) {
    return new ImapError(
      `${url.text}: TLS certificate not trusted (${code}); for a private CA give --imap-ca <file>`,
      EXIT.inconclusive,
    );
  }
  if (
    /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT|CONNECT_TIMEOUT|GREETING_TIMEOUT)$/.test(
      code,
    )
  ) {
    return new ImapError(
      `${url.text}: cannot connect to ${url.host}:${url.port} (${code})`,
      EXIT.inconclusive,
    );
  }
  const message = e.message ?? String(error);
  return new ImapError(
    `${url.text}: connection lost (${[code, message].filter(Boolean).join(": ")})`,
    EXIT.inconclusive,
  );
}

/** SELECT refused: no such folder (or no right to it), which only the user can fix. */
export function folderError(url: MailboxUrl, folder: string, error: unknown): ImapError {
  const e = (error ?? {}) as ImapFlowFailure;
  if (
    e.serverResponseCode === "NONEXISTENT" ||
    /doesn't exist|not exist|unknown mailbox/i.test(e.responseText ?? "")
  ) {
    return new ImapError(`${url.text}: no folder named "${folder}" on the server`, EXIT.usage);
  }
  return describeImapFailure(error, url);
}
