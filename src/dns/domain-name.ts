import { domainToASCII } from "node:url";

/**
 * Turns what a user typed as a domain into its normalized ASCII form (IDNA via WHATWG URL rules),
 * or returns the reason it is not a domain name we can audit.
 */
export function normalizeDomainInput(
  input: string,
): { ok: true; domain: string } | { ok: false; reason: string } {
  const trimmed = input.trim().replace(/\.$/, "");
  if (trimmed === "") return { ok: false, reason: "empty domain name" };
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting them is the point
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) return { ok: false, reason: "contains control characters" };
  const ascii = domainToASCII(trimmed);
  if (ascii === "") return { ok: false, reason: "not a valid domain name" };
  if (ascii.length > 253) return { ok: false, reason: "longer than 253 characters" };
  const labels = ascii.split(".");
  if (labels.length < 2) return { ok: false, reason: "needs at least two labels (e.g. example.com)" };
  for (const label of labels) {
    if (label.length === 0) return { ok: false, reason: "has an empty label" };
    if (label.length > 63)
      return { ok: false, reason: `label "${label.slice(0, 20)}…" is longer than 63 characters` };
    if (!/^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?$/.test(label)) {
      return { ok: false, reason: `label "${label}" may hold only letters, digits, hyphens and underscores` };
    }
  }
  if (/^\d+$/.test(labels[labels.length - 1] ?? ""))
    return { ok: false, reason: "looks like an IP address, not a domain" };
  return { ok: true, domain: ascii };
}
