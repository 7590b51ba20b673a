import { readFileSync } from "node:fs";
import { UsageError } from "../errors.js";

/**
 * How to log in, from the environment or a file, never from the command line (visible in `ps`):
 * `--imap-password-file`, else `MAILAUDIT_IMAP_TOKEN` (an OAuth2 access token, sent as XOAUTH2 /
 * OAUTHBEARER as Google and Microsoft 365 require), else `MAILAUDIT_IMAP_PASSWORD`.
 */
export type ImapCredentials = { kind: "password"; password: string } | { kind: "token"; token: string };

export function imapCredentials(
  passwordFile: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): ImapCredentials {
  if (passwordFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(passwordFile, "utf8");
    } catch (error) {
      throw new UsageError(
        `--imap-password-file ${passwordFile}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      );
    }
    // The first line, as `echo secret > file` writes it; a password may hold spaces but no newline.
    const password = text.split(/\r?\n/)[0] ?? "";
    if (password === "")
      throw new UsageError(`--imap-password-file ${passwordFile}: the first line is empty`);
    return { kind: "password", password };
  }
  const token = env.MAILAUDIT_IMAP_TOKEN;
  const password = env.MAILAUDIT_IMAP_PASSWORD;
  if (token && password) {
    throw new UsageError(
      "both MAILAUDIT_IMAP_TOKEN and MAILAUDIT_IMAP_PASSWORD are set; unset the one not meant for this mailbox",
    );
  }
  if (token) return { kind: "token", token };
  if (password) return { kind: "password", password };
  throw new UsageError(
    "an imaps:// input needs a password in MAILAUDIT_IMAP_PASSWORD or --imap-password-file, or an OAuth2 token in MAILAUDIT_IMAP_TOKEN",
  );
}
