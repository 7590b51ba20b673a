import { escapeForTerminal } from "./escape.js";

/**
 * Text safe inside XML 1.0 content and attribute values: markup characters become entities, and
 * control characters (most of which XML 1.0 cannot carry at all) become visible escapes first.
 */
export function escapeXml(text: string): string {
  return escapeForTerminal(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}
