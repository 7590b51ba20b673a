import { UsageError } from "../errors.js";

/**
 * An `imaps://user@host[:port]/Folder` input (RFC 5092's form, without its extras). `imap://` means
 * STARTTLS on port 143, which must be offered: mailaudit never logs in over cleartext.
 */
export interface MailboxUrl {
  /** The URL as given, without the password it must not have: for messages. */
  readonly text: string;
  readonly tls: "implicit" | "starttls";
  readonly user: string;
  readonly host: string;
  readonly port: number;
  /** The folder as the server names it (percent-decoded), e.g. `INBOX` or `INBOX.dmarc`. */
  readonly folder: string;
  /** `user@host:port`: the cursor's key in the store, with the folder. */
  readonly account: string;
}

export function isMailboxUrl(input: string): boolean {
  return /^imaps?:\/\//i.test(input);
}

export function parseMailboxUrl(input: string): MailboxUrl {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new UsageError(`${input}: not a valid mailbox URL (expected imaps://user@host[:port]/Folder)`);
  }
  // Never echo a password back: it is already in the shell history, but need not be in logs too.
  const shown = url.password ? input.replace(/:[^@/]*@/, ":***@") : input;
  if (url.password) {
    throw new UsageError(
      `${shown}: a password in the URL would be visible to every user in the process list (ps); ` +
        "give it in MAILAUDIT_IMAP_PASSWORD or --imap-password-file, or a token in MAILAUDIT_IMAP_TOKEN",
    );
  }
  const scheme = url.protocol.toLowerCase();
  if (!url.username) throw new UsageError(`${shown}: the user is missing (imaps://user@host/Folder)`);
  if (!url.hostname) throw new UsageError(`${shown}: the host is missing (imaps://user@host/Folder)`);
  if (url.search || url.hash)
    throw new UsageError(
      `${shown}: unexpected "${url.search || url.hash}" (expected imaps://user@host[:port]/Folder)`,
    );
  const folder = decode(url.pathname.replace(/^\//, ""), shown) || "INBOX";
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const port = url.port ? Number(url.port) : scheme === "imaps:" ? 993 : 143;
  const user = decode(url.username, shown);
  return {
    text: shown,
    tls: scheme === "imaps:" ? "implicit" : "starttls",
    user,
    host,
    port,
    folder,
    account: `${user}@${host.includes(":") ? `[${host}]` : host.toLowerCase()}:${port}`,
  };
}

function decode(part: string, shown: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new UsageError(`${shown}: malformed percent-encoding in "${part}"`);
  }
}
