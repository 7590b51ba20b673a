/**
 * Loads mailauth's SPF evaluator with two of its parts replaced by ours, so that `check` and
 * `spf --ip` share one grammar by construction (see patches/README.md):
 *
 * - `validateTerms` (mailauth's record syntax check, RFC 7208 §4.6) asks our parser (parse.ts):
 *   a record is a syntax error for check_host exactly when `check` reports spf/syntax for it.
 * - the macro expander (mailauth's `lib/spf/macro.js`) is ours (expand-macro.ts): mailauth 7.1.0's
 *   mishandles a "-" between two other delimiters (RFC 7208 §7.1 allows any mix).
 *
 * Both are swapped in Node's CommonJS module cache before mailauth's `spf-verify.js` first loads
 * (it takes both at load time), at run time rather than by editing node_modules at install time:
 * nothing to re-apply after `npm ci`, nothing that blocked install scripts could skip, and no other
 * program sharing the installed mailauth is affected. Tests assert both replacements are in effect
 * and that the installed mailauth still has the bug (test/spf/mailauth-spf.test.ts), so an upgrade
 * that fixes it upstream is noticed.
 */
import { createRequire } from "node:module";
import { hostname } from "node:os";
import { expandMacroString, MacroExpansionError } from "./expand-macro.js";
import { parseSpfRecord } from "./parse.js";

type SpfFunction = typeof import("mailauth")["spf"];

const require = createRequire(import.meta.url);

/** The module files of mailauth 7.1.0 this touches (resolved, so hoisting does not matter). */
export const MAILAUTH_FILES = {
  verify: require.resolve("mailauth/lib/spf/spf-verify.js"),
  syntax: require.resolve("mailauth/lib/spf/syntax.js"),
  macro: require.resolve("mailauth/lib/spf/macro.js"),
};

let installed = false;

/** mailauth's `spf()`, evaluating with our parser and our macro expansion. */
export async function loadMailauthSpf(): Promise<SpfFunction> {
  installOverrides();
  // Loaded on first use, and only mailauth's SPF module: the package root pulls in ~340 CommonJS
  // files (undici, BIMI certificate parsing, ARC, DKIM) that check_host never uses. Measured on this
  // machine under load: importing "mailauth" 366–401 ms, "mailauth/lib/spf/index.js" 131–155 ms.
  // mailauth has no `exports` map, so the deep path is a plain file of the exactly pinned version.
  const { spf } = await import("mailauth/lib/spf/index.js");
  return spf;
}

function installOverrides(): void {
  if (installed) return;
  if (require.cache[MAILAUTH_FILES.verify]) {
    // spf-verify.js has already taken the originals: evaluating now would silently use them.
    throw new Error(
      "internal error: mailauth's SPF evaluator was loaded before mailaudit's parser was installed",
    );
  }
  const syntax = require(MAILAUTH_FILES.syntax) as { validateTerms: (terms: string[]) => string | false };
  syntax.validateTerms = validateTerms;
  require(MAILAUTH_FILES.macro);
  const macroModule = require.cache[MAILAUTH_FILES.macro];
  if (!macroModule) throw new Error("internal error: mailauth's macro module is not in the module cache");
  macroModule.exports = expandForMailauth;
  installed = true;
}

/**
 * mailauth hands over the record's terms (split on SP after "v=spf1") and wants the first problem's
 * text, or false for a valid record; it turns the text into permerror (§4.6).
 */
function validateTerms(terms: string[]): string | false {
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

function expandForMailauth(input: unknown, values: MailauthMacroValues = {}): string {
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
