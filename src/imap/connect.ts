import type { ImapFlow, ImapFlowOptions } from "imapflow";
import { readCaFile as readPemFile, trustedCertificates } from "../tls/trust.js";
import type { ImapCredentials } from "./credentials.js";
import { describeImapFailure, folderError } from "./imap-error.js";
import type { MailboxUrl } from "./mailbox-url.js";

export interface ConnectOptions {
  credentials: ImapCredentials;
  /** PEM text of `--imap-ca`, trusted beside the system's roots. */
  ca?: string;
  /** `--max-size`: no literal from the server may be larger (a bound on what one message costs). */
  maxMessageBytes: number;
}

/** Reads `--imap-ca` once, before any connection (a missing file is a usage error, exit 2). */
export function readCaFile(file: string): string {
  return readPemFile("--imap-ca", file);
}

/**
 * Connects, logs in and selects the folder. TLS is always verified (implicit TLS for imaps://,
 * STARTTLS required for imap://); IDLE is ours to start (disableAutoIdle), so nothing runs behind the
 * ingest's back. imapflow is loaded only when a mailbox is read: it costs ~150 ms to import.
 */
export async function openMailbox(url: MailboxUrl, options: ConnectOptions): Promise<ImapFlow> {
  const { ImapFlow } = await import("imapflow");
  const settings: ImapFlowOptions = {
    host: url.host,
    port: url.port,
    secure: url.tls === "implicit",
    ...(url.tls === "starttls" ? { doSTARTTLS: true } : {}),
    auth:
      options.credentials.kind === "token"
        ? { user: url.user, accessToken: options.credentials.token }
        : { user: url.user, pass: options.credentials.password },
    tls: {
      rejectUnauthorized: true,
      minVersion: "TLSv1.2",
      ...(options.ca ? { ca: trustedCertificates(options.ca) } : {}),
    },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    // Framing around the literal (FETCH line, flags) stays far below 1 MB.
    maxLiteralSize: options.maxMessageBytes + 65_536,
    maxResponseSize: options.maxMessageBytes + 1_048_576,
  };
  const client = new ImapFlow(settings);
  // Without a listener an 'error' event would end the process; failures surface through the calls.
  client.on("error", () => {});
  try {
    await client.connect();
  } catch (error) {
    client.close();
    throw describeImapFailure(error, url);
  }
  try {
    await client.mailboxOpen(url.folder);
  } catch (error) {
    client.close();
    throw folderError(url, url.folder, error);
  }
  return client;
}
