/**
 * What an input is, from its first bytes (magic numbers), never from its name: reporters and mail
 * systems name attachments freely (`.xml.gz` that is a zip, gzip sent as octet-stream).
 */
export type ContentKind = "empty" | "gzip" | "zip" | "xml" | "mbox" | "email" | "unknown";

export const SNIFF_LENGTH = 512;

export function sniff(head: Buffer): ContentKind {
  if (head.length === 0) return "empty";
  if (head[0] === 0x1f && head[1] === 0x8b) return "gzip"; // RFC 1952 §2.3.1 ID1 ID2
  // APPNOTE.TXT §4.3.7 local file header, or §4.3.16 end of central directory (an empty archive).
  if (
    head[0] === 0x50 &&
    head[1] === 0x4b &&
    ((head[2] === 0x03 && head[3] === 0x04) || (head[2] === 0x05 && head[3] === 0x06))
  ) {
    return "zip";
  }
  if (isXml(head)) return "xml";
  const text = head.toString("latin1");
  if (text.startsWith("From ")) return "mbox";
  // RFC 5322 §2.2: a header field is a name of printable ASCII except ":", then ":".
  if (/^[!-9;-~]+:[^\r\n]*\r?\n/.test(text)) return "email";
  return "unknown";
}

function isXml(head: Buffer): boolean {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return true; // UTF-16 BOM
  let at = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (
    at < head.length &&
    (head[at] === 0x20 || head[at] === 0x09 || head[at] === 0x0a || head[at] === 0x0d)
  )
    at++;
  return head[at] === 0x3c; // "<"
}
