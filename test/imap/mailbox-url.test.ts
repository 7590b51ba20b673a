import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { imapCredentials } from "../../src/imap/credentials.js";
import { isMailboxUrl, parseMailboxUrl } from "../../src/imap/mailbox-url.js";

describe("mailbox URLs", () => {
  it("reads user, host, port, folder and TLS mode, with the defaults of RFC 5092", () => {
    expect(parseMailboxUrl("imaps://dmarc@mail.example.com/INBOX.dmarc")).toMatchObject({
      tls: "implicit",
      user: "dmarc",
      host: "mail.example.com",
      port: 993,
      folder: "INBOX.dmarc",
      account: "dmarc@mail.example.com:993",
    });
    expect(parseMailboxUrl("imap://dmarc@Mail.Example.com")).toMatchObject({
      tls: "starttls",
      port: 143,
      folder: "INBOX",
      account: "dmarc@mail.example.com:143",
    });
    expect(parseMailboxUrl("imaps://dmarc%40example.com@[::1]:1993/%5BGmail%5D%2FAll%20Mail")).toMatchObject({
      user: "dmarc@example.com",
      host: "::1",
      port: 1993,
      folder: "[Gmail]/All Mail",
      account: "dmarc@example.com@[::1]:1993",
    });
  });

  it("tells mailbox inputs from paths", () => {
    expect(isMailboxUrl("IMAPS://u@h/INBOX")).toBe(true);
    expect(isMailboxUrl("imap://u@h")).toBe(true);
    expect(isMailboxUrl("./imaps-backup/")).toBe(false);
    expect(isMailboxUrl("-")).toBe(false);
  });

  it("refuses a password in the URL, saying why, without repeating it", () => {
    let error: unknown;
    try {
      parseMailboxUrl("imaps://dmarc:s3cret-pw@mail.example.com/INBOX");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toContain("process list");
    expect((error as Error).message).not.toContain("s3cret-pw");
  });

  it.each([
    ["imaps://mail.example.com/INBOX", "user is missing"],
    ["imaps://dmarc@/INBOX", "not a valid mailbox URL"],
    ["imaps://dmarc@mail.example.com/INBOX?x=1", "unexpected"],
    ["imaps://dmarc@mail.example.com/%E0%A4%A", "percent-encoding"],
  ])("%s is a usage error (%s)", (input, reason) => {
    expect(() => parseMailboxUrl(input)).toThrow(reason);
  });
});

describe("IMAP credentials", () => {
  it("takes the first line of --imap-password-file over the environment", () => {
    const dir = mkdtempSync(join(tmpdir(), "mailaudit-cred-"));
    try {
      const file = join(dir, "pw");
      writeFileSync(file, "pass phrase with spaces\nignored\n");
      expect(imapCredentials(file, { MAILAUDIT_IMAP_PASSWORD: "env" })).toEqual({
        kind: "password",
        password: "pass phrase with spaces",
      });
      writeFileSync(file, "\n");
      expect(() => imapCredentials(file, {})).toThrow("first line is empty");
      expect(() => imapCredentials(join(dir, "missing"), {})).toThrow("ENOENT");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a token means XOAUTH2; both variables at once, or neither, is a usage error", () => {
    expect(imapCredentials(undefined, { MAILAUDIT_IMAP_TOKEN: "t" })).toEqual({ kind: "token", token: "t" });
    expect(imapCredentials(undefined, { MAILAUDIT_IMAP_PASSWORD: "p" })).toEqual({
      kind: "password",
      password: "p",
    });
    expect(() =>
      imapCredentials(undefined, { MAILAUDIT_IMAP_TOKEN: "t", MAILAUDIT_IMAP_PASSWORD: "p" }),
    ).toThrow(UsageError);
    expect(() => imapCredentials(undefined, {})).toThrow("MAILAUDIT_IMAP_PASSWORD");
  });
});
