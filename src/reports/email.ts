import PostalMime from "postal-mime";
import { RefusedInput } from "./refusal.js";

/**
 * The attachments of one e-mail (RFC 5322 / MIME), as buffers. The caller caps the message size
 * before parsing: postal-mime has no attachment-size limit. Forwarded messages
 * (`message/rfc822`) come back as attachments, which the caller reads as e-mails again (depth-capped).
 */
export interface MailPart {
  name: string;
  content: Buffer;
}

/** MIME parts nested inside parts: postal-mime refuses a message past this depth. */
export const MAX_MIME_NESTING = 50;

export async function mailAttachments(message: Buffer): Promise<MailPart[]> {
  let parsed: Awaited<ReturnType<typeof PostalMime.parse>>;
  try {
    parsed = await PostalMime.parse(message, {
      forceRfc822Attachments: true,
      attachmentEncoding: "arraybuffer",
      maxNestingDepth: MAX_MIME_NESTING,
    });
  } catch (error) {
    throw new RefusedInput(`unreadable e-mail: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parsed.attachments.map((attachment, index) => ({
    name: attachment.filename || `part ${index + 1} (${attachment.mimeType})`,
    content: toBuffer(attachment.content),
  }));
}

function toBuffer(content: ArrayBuffer | Uint8Array | string): Buffer {
  if (typeof content === "string") return Buffer.from(content, "utf8");
  return content instanceof Uint8Array
    ? Buffer.from(content.buffer, content.byteOffset, content.byteLength)
    : Buffer.from(content);
}
