/**
 * Our two replacements for parts of mailauth's SPF evaluator (why: patches/README.md), in the shapes
 * mailauth calls them. How they get in differs by how mailaudit runs, the functions do not:
 * - the bundle (dist/bundle/, what bin/mailaudit.js runs): scripts/bundle-cli.ts builds
 *   mailauth's `lib/spf/syntax.js` with `validateTerms` set to ours, and `lib/spf/macro.js` as ours;
 * - tsc's dist/src/ and vitest (mailauth loaded by Node from node_modules): mailauth-module-cache.ts
 *   swaps them in Node's CommonJS module cache.
 * This module must not import mailauth: the bundle requires it from inside mailauth's files.
 */
import { hostname } from "node:os";
import { expandMacroString, MacroExpansionError } from "./expand-macro.js";
import { parseSpfRecord } from "./parse.js";

/**
 * For `validateTerms` of mailauth's `lib/spf/syntax.js` (RFC 7208 §4.6): mailauth hands over the
 * record's terms (split on SP after "v=spf1") and wants the first problem's text, or false for a
 * valid record; it turns the text into permerror. Our parser decides, so `check` (spf/syntax) and
 * `spf --ip` agree on which records are valid.
 */
export function validateTerms(terms: string[]): string | false {
  const [problem] = parseSpfRecord(["v=spf1", ...terms].join(" ")).problems;
  return problem ? `invalid term "${problem.term}": ${problem.reason}` : false;
}

/** What mailauth passes its macro expander (lib/spf/spf-verify.js `macroValues`). */
interface MailauthMacroValues {
  sender?: string;
  ip?: string;
  helo?: string;
  mta?: string;
  domain?: string;
  p?: string;
}

/** For mailauth's `lib/spf/macro.js` (its whole export): mailauth 7.1.0's mishandles "-" (§7.1). */
export function expandForMailauth(input: unknown, values: MailauthMacroValues = {}): string {
  const text = String(input ?? "");
  const sender = String(values.sender ?? "");
  try {
    return expandMacroString(text, {
      sender,
      ip: String(values.ip ?? ""),
      helo: String(values.helo ?? ""),
      domain: values.domain || sender.slice(sender.lastIndexOf("@") + 1),
      receiver: values.mta || hostname(),
      ...(typeof values.p === "string" ? { validatedName: values.p } : {}),
      now: Math.round(Date.now() / 1000),
    });
  } catch (error) {
    if (!(error instanceof MacroExpansionError)) throw error;
    // mailauth's own shape for a macro syntax error: permerror, with the reason as its text.
    throw Object.assign(new Error(error.message), { spfResult: { error: "permerror", text: error.message } });
  }
}
