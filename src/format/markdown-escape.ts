import { escapeForTerminal } from "./escape.js";

/**
 * Text safe to drop into GitHub-flavoured Markdown, including table cells: HTML is neutralized
 * (entities), characters that start emphasis, code, links or strike-through and the table `|` are
 * backslash-escaped, control characters become visible escapes, and newlines end nothing.
 */
export function escapeMarkdown(text: string): string {
  return escapeForTerminal(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/([\\`*_[\]|~!#])/g, "\\$1");
}
