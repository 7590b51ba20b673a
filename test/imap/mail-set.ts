/**
 * Report mail for the IMAP tests, generated at run time: reports as plain XML, .gz and .zip
 * attachments in both schemas, mail with no report in it, and hostile attachments. Delivered straight
 * into the test Dovecot's Maildir (as a local delivery agent would), which is far faster than APPEND.
 */
import { chownSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { reportEmail, reportXml, zipArchive } from "../reports/generated-set.js";

export const DAY = 1_700_000_000;

export interface MailSet {
  messages: Buffer[];
  /** Distinct reports in the set (each stored once). */
  reports: number;
  withoutReport: number;
  /** Messages whose only attachment is refused (bombs, DOCTYPE): refused for good, so moved. */
  hostile: number;
}

/** `count` report mails (ids `<prefix>-<i>`), plus mail without reports and hostile attachments. */
export function mailSet(prefix: string, count: number, extras = { withoutReport: 0, hostile: 0 }): MailSet {
  const messages: Buffer[] = [];
  for (let i = 0; i < count; i++) messages.push(reportMail(prefix, i));
  for (let i = 0; i < extras.withoutReport; i++) messages.push(plainMail(i));
  for (let i = 0; i < extras.hostile; i++) messages.push(hostileMail(i));
  return { messages, reports: count, withoutReport: extras.withoutReport, hostile: extras.hostile };
}

export function reportMail(prefix: string, i: number): Buffer {
  const xml = Buffer.from(
    reportXml({
      org: `org-${i % 7}.example`,
      id: `${prefix}-${i}`,
      domain: i % 5 === 0 ? "other.test" : "example.test",
      begin: DAY + (i % 30) * 86_400,
      end: DAY + (i % 30) * 86_400 + 86_399,
      dmarc2: i % 3 === 0,
      records: [
        { ip: `192.0.2.${i % 250}`, count: 1 + (i % 9), dkim: "pass", spf: "pass" },
        { ip: `203.0.113.${i % 50}`, count: i % 4, dkim: "fail", spf: i % 2 === 0 ? "pass" : "fail" },
      ],
    }),
  );
  switch (i % 3) {
    case 0:
      return mail(reportEmail(`report-${i}.xml`, xml, "text/xml"));
    case 1:
      return mail(reportEmail(`report-${i}.xml.gz`, gzipSync(xml), "application/gzip"));
    default:
      return mail(
        reportEmail(
          `report-${i}.zip`,
          zipArchive([{ name: `report-${i}.xml`, data: xml }]),
          "application/zip",
        ),
      );
  }
}

function plainMail(i: number): Buffer {
  const lines = [
    "From: colleague@example.test",
    "To: dmarc@example.test",
    `Subject: lunch ${i}?`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    "Not a report. Leave me where I am.",
    "",
  ];
  return mail(lines.join("\r\n"));
}

/** Over a 1 MB --max-size once decompressed, or a DOCTYPE: refused by the same limits as files. */
function hostileMail(i: number): Buffer {
  switch (i % 3) {
    case 0: {
      const bomb = gzipSync(
        Buffer.concat([
          Buffer.from('<?xml version="1.0"?>\n<feedback>'),
          Buffer.alloc(3 * 1024 * 1024, 0x20),
        ]),
      );
      return mail(reportEmail(`bomb-${i}.xml.gz`, bomb, "application/gzip"));
    }
    case 1:
      return mail(
        reportEmail(
          `bomb-${i}.zip`,
          zipArchive([{ name: "bomb.xml", data: Buffer.alloc(3 * 1024 * 1024, 0x20) }]),
          "application/zip",
        ),
      );
    default:
      return mail(
        reportEmail(
          `doctype-${i}.xml`,
          Buffer.from(
            `<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><feedback><report_metadata><org_name>&b;</org_name></report_metadata></feedback>`,
          ),
          "text/xml",
        ),
      );
  }
}

function mail(text: string): Buffer {
  return Buffer.from(text, "utf8");
}

/** The Maildir folder of `folder` (INBOX is the root; others are Maildir++ `.Name`). */
export function folderPath(maildir: string, folder: string): string {
  return folder === "INBOX" ? maildir : join(maildir, `.${folder}`);
}

/** Delivers messages into `folder` as new mail, owned by the mail user (root runs Dovecot's mail as `dovecot`). */
export function deliver(maildir: string, folder: string, messages: readonly Buffer[]): void {
  // The helper made the Maildir's parent for the mail user: its owner is who Dovecot reads mail as.
  const owner = statSync(join(maildir, ".."));
  const path = folderPath(maildir, folder);
  for (const dir of [maildir, path, ...["cur", "new", "tmp"].map((sub) => join(path, sub))]) {
    mkdirSync(dir, { recursive: true });
    chownSync(dir, owner.uid, owner.gid);
  }
  if (folder !== "INBOX") writeFileSync(join(path, "maildirfolder"), "");
  const stamp = Date.now();
  messages.forEach((message, i) => {
    const file = join(path, "new", `${stamp}.M${i}P${process.pid}.mailaudit-test`);
    writeFileSync(file, message);
    chownSync(file, owner.uid, owner.gid);
  });
}

/** Messages in a folder as Dovecot keeps them on disk (new/ and cur/). */
export function messagesIn(maildir: string, folder: string): number {
  return messageFiles(maildir, folder).length;
}

/** The Maildir files of a folder (new/ and cur/), for counting and for saying what is left. */
export function messageFiles(maildir: string, folder: string): string[] {
  const path = folderPath(maildir, folder);
  const files: string[] = [];
  for (const sub of ["new", "cur"]) {
    try {
      files.push(...readdirSync(join(path, sub)).map((name) => `${sub}/${name}`));
    } catch {
      // not created yet
    }
  }
  return files;
}
